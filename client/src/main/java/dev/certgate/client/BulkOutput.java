package dev.certgate.client;

import dev.certgate.api.BulkImportLine;
import dev.certgate.api.BulkImportResult;
import dev.certgate.api.BulkImportStatus;
import dev.certgate.api.ImportFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of a bulk import as the user named them, and its result line by line. */
final class BulkOutput {

    /** Files larger than this are not read (the server refuses files over 1 MiB anyway). */
    private static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

    private BulkOutput() {
    }

    /** The files named, directories walked (regular files only, sorted, hidden ones left out). */
    static List<ImportFile> files(List<Path> paths) throws IOException, Failures.UsageException {
        List<ImportFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(path)) {
                    found = walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().toList();
                }
                for (Path file : found) {
                    files.add(read(file, path.relativize(file).toString()));
                }
            } else {
                files.add(read(path, path.getFileName().toString()));
            }
        }
        if (files.isEmpty()) {
            throw new Failures.UsageException("No files found in " + paths + ".");
        }
        return files;
    }

    private static ImportFile read(Path file, String name) throws IOException, Failures.UsageException {
        if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
            return ImportFile.of(name, new byte[0]); // refused by the server with the others' results
        }
        return ImportFile.of(name, CertCommands.bytes(file));
    }

    /** Prints the result; the exit code is {@link ExitCodes#BAD_INPUT} when a line was refused, else OK. */
    static int print(Certgate root, BulkImportResult result) {
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(result));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (BulkImportLine line : result.lines()) {
                rows.add(List.of(line.status().name(), Output.orDash(line.commonName()),
                        Output.orDash(line.certificateId()), String.join(", ", line.files()),
                        Output.orDash(line.detail())));
            }
            Output.table(out, List.of("RESULT", "COMMON NAME", "ID", "FILES", "DETAIL"), rows);
            out.println((result.dryRun() ? "Dry run, nothing stored: " + result.count(BulkImportStatus.IMPORTED)
                    + " would be imported, " : result.count(BulkImportStatus.IMPORTED) + " imported, ")
                    + result.count(BulkImportStatus.DUPLICATE) + " duplicate(s), "
                    + result.count(BulkImportStatus.EXPIRED) + " expired, "
                    + result.count(BulkImportStatus.REFUSED) + " refused.");
        }
        return result.count(BulkImportStatus.REFUSED) > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
