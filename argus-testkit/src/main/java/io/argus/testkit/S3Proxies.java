package io.argus.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 endpoint in the test JVM: s3proxy over a directory (buckets are sub-directories), with AWS v2/v4
 * signatures checked against {@link #ACCESS_KEY}/{@link #SECRET_KEY}. {@link #stop} and {@link #start} again on the
 * same port make "S3 is down" and "S3 is back" for outage tests. Needs {@code org.gaul:s3proxy} on the test
 * class path (an optional dependency of the testkit).
 */
public final class S3Proxies implements AutoCloseable {
    public static final String ACCESS_KEY = "argus-test";
    public static final String SECRET_KEY = "argus-test-secret";
    public static final String REGION = "us-east-1";

    /** How long {@link #stop} waits for open connections before closing them. */
    static final long STOP_TIMEOUT_MS = 100;

    private final Path dir;
    private int port;
    private S3Proxy proxy;

    private S3Proxies(Path dir) {
        this.dir = dir;
    }

    /** Starts one on a free loopback port over {@code dir}, with the given buckets made. */
    public static S3Proxies start(Path dir, String... buckets) throws Exception {
        S3Proxies s = new S3Proxies(dir);
        for (String b : buckets) {
            Files.createDirectories(dir.resolve(b));
        }
        s.start();
        return s;
    }

    /** Starts (again) on the port it had, or a free one the first time. */
    public synchronized void start() throws Exception {
        if (proxy != null) {
            return;
        }
        S3Proxy p = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Jetty's graceful stop waits 30 s for the clients' idle keep-alive connections: an outage is abrupt.
                .stopTimeout(STOP_TIMEOUT_MS)
                .build();
        p.start();
        Await.until(java.time.Duration.ofSeconds(10), () -> p.getState().equals("STARTED"), () -> "s3proxy started");
        port = p.getPort();
        proxy = p;
    }

    /** Stops serving: requests fail at connect until {@link #start}. */
    public synchronized void stop() throws Exception {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (java.util.concurrent.TimeoutException e) {
                // Graceful stop gave up on open connections after STOP_TIMEOUT_MS; the server is stopped.
            }
            proxy = null;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The directory holding a bucket's objects (each object a file at its key). */
    public Path bucketDir(String bucket) {
        return dir.resolve(bucket);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
