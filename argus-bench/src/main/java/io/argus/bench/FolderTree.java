package io.argus.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The size of a folder tree, and its deletion counting what went. Neither follows symbolic links (a link is
 * deleted, not what it points to), and neither throws: it runs in a shutdown hook, where an exception would
 * leave the rest of the tree behind.
 */
final class FolderTree {
    /**
     * @param bytes    the sizes of the files deleted
     * @param failures what could not be deleted or read, with the reason
     */
    record Deleted(long bytes, List<String> failures) {
    }

    private FolderTree() {
    }

    /** Total size of the files under {@code root}; 0 if it does not exist. */
    static long size(Path root) {
        long[] sum = {0};
        walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                sum[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    /** Deletes {@code root} and everything under it, going on past what cannot be deleted. */
    static Deleted delete(Path root) {
        long[] sum = {0};
        List<String> failures = new ArrayList<>();
        walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (remove(file, failures)) {
                    sum[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof NoSuchFileException)) {
                    failures.add(file + ": " + e);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                remove(dir, failures);
                return FileVisitResult.CONTINUE;
            }
        });
        return new Deleted(sum[0], failures);
    }

    private static boolean remove(Path p, List<String> failures) {
        try {
            Files.delete(p);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            failures.add(p + ": " + e);
            return false;
        }
    }

    private static void walk(Path root, SimpleFileVisitor<Path> visitor) {
        try {
            Files.walkFileTree(root, visitor);
        } catch (IOException e) {
            // Only the visitors could throw, and they do not: every failure is counted where it happens.
            throw new IllegalStateException(e);
        }
    }
}
