package io.argus.storage.chunk;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's files are its account's alone: directories {@code 0700}, files {@code 0600}. Recordings, the metadata
 * database (password hashes, sealed secrets) and keys are made so when created, whatever the process's umask, and
 * what an older version left readable is tightened at start-up. Where the file system has no POSIX permissions
 * (not Linux or macOS) nothing is set.
 */
public final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** What tightening takes away: every bit for the group and the others. */
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents, each one private. */
    public static Path createDirectories(Path dir) throws IOException {
        return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY))
                : Files.createDirectories(dir);
    }

    /** The attributes that create a file private ({@code FileChannel.open(path, options, fileAttributes())}). */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : NONE;
    }

    /**
     * A file's attributes, not following a link: {@link PosixFileAttributes} where the file system has them, so
     * that {@link #tighten(Path, BasicFileAttributes)} needs no second look.
     */
    public static BasicFileAttributes attributes(Path path) throws IOException {
        return POSIX ? Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Takes the group's and others' permissions off {@code path} if it has any.
     *
     * @param attrs its {@link #attributes}
     * @return whether it changed
     */
    public static boolean tighten(Path path, BasicFileAttributes attrs) {
        if (!(attrs instanceof PosixFileAttributes posix) || attrs.isSymbolicLink()) {
            return false;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        perms.addAll(posix.permissions());
        if (!perms.removeAll(NOT_OWNER)) {
            return false;
        }
        try {
            Files.setPosixFilePermissions(path, perms);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            // Someone else's file (a certificate installed by root) or a file system that ignores modes: the node
            // still runs; its own files are the ones that matter.
            LOG.warn("cannot make {} private: {}", path, e.toString());
            return false;
        }
    }

    /**
     * Tightens {@code root} and everything under it, except the subtrees {@code skip} accepts (directories
     * another owner tightens as it walks them anyway, such as recording volumes).
     *
     * @return how many files and directories changed
     */
    public static int tightenTree(Path root, Predicate<Path> skip) throws IOException {
        if (!POSIX) {
            return 0;
        }
        int[] changed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && skip.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                changed[0] += tighten(dir, attributes(dir)) ? 1 : 0;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                changed[0] += tighten(file, attributes(file)) ? 1 : 0;
                return FileVisitResult.CONTINUE;
            }
        });
        return changed[0];
    }
}
