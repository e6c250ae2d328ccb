package io.sysmon.examples.cloud;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each cloud folder's README says what every file in it is, and how to deploy it. */
class ReadmesTest {

    static Stream<Path> folders() {
        return Stream.of(CloudFiles.POLICIES, CloudFiles.TEMPLATE.getParent(), CloudFiles.QUERIES,
                CloudFiles.GRAFANA);
    }

    @ParameterizedTest
    @MethodSource("folders")
    void theReadmeNamesEveryFileAndADeployCommand(Path folder) {
        Path readme = folder.resolve("README.md");
        assertTrue(Files.isRegularFile(readme), readme + " is missing");
        String text = CloudFiles.text(readme);
        for (Path file : CloudFiles.files(folder, "")) {
            if (Files.isRegularFile(file) && !file.equals(readme)) {
                String relative = folder.relativize(file).toString();
                assertTrue(text.contains(relative) || text.contains(file.getFileName().toString()),
                        readme + " does not mention " + relative);
            }
        }
        assertTrue(text.contains("aws ") || text.contains("docker ") || text.contains("grafana"),
                readme + " has no command that deploys the files");
    }
}
