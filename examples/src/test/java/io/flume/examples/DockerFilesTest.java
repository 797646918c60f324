package io.flume.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flume.ComponentLibraries;
import io.flume.cli.FlumeCommand;
import io.flume.config.ConfigLoader;
import io.flume.runtime.config.AppConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Checks the files of the repository's docker/ folder without a Docker engine. The Dockerfile and
 * the compose file must name modules, paths, the jar, command options and config keys that
 * exist, and the compose file's config must bind with Flume's own config loader.
 */
class DockerFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One Dockerfile instruction, with continuation lines joined. */
    private record Instruction(int line, String keyword, String arguments) {
        @Override
        public String toString() {
            return "Dockerfile:" + line + ": " + keyword + " " + arguments;
        }
    }

    @TempDir
    Path container;

    @Test
    void buildStageCopiesEveryModulePomFirst() throws Exception {
        List<List<Instruction>> stages = stages();
        List<Instruction> build = stages.get(0);
        assertThat(build.get(0).arguments()).matches("maven:\\S+ AS build");

        List<String> copiedPoms = new ArrayList<>();
        for (Instruction instruction : build) {
            if (instruction.keyword().equals("RUN")) {
                break;
            }
            if (instruction.keyword().equals("COPY")) {
                copiedPoms.add(instruction.arguments().split("\\s+")[0]);
            }
        }

        List<String> expected = new ArrayList<>(List.of("pom.xml"));
        modules().forEach(module -> expected.add(module + "/pom.xml"));
        assertThat(copiedPoms).as("POMs copied before the first RUN").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void copiedSourcesExistAndAreNotIgnored() throws Exception {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(ignored).contains("**/target/", ".git/");

        List<String> sources = new ArrayList<>();
        for (List<Instruction> stage : stages()) {
            for (Instruction instruction : stage) {
                if (instruction.keyword().equals("COPY") && !instruction.arguments().startsWith("--from=")) {
                    String[] words = instruction.arguments().split("\\s+");
                    sources.addAll(List.of(words).subList(0, words.length - 1));
                }
            }
        }

        assertThat(sources).isNotEmpty();
        for (String source : sources) {
            assertThat(ROOT.resolve(source)).as("COPY source %s", source).exists();
            for (String pattern : ignored) {
                String prefix = pattern.replace("**/", "");
                assertThat(source.startsWith(prefix)).as("%s is excluded by .dockerignore's %s", source, pattern).isFalse();
            }
        }
        // The compiler's build copies the JSON Schemas from schemas/ into its jar.
        assertThat(sources).contains("schemas/");
        for (String module : modules()) {
            assertThat(sources).contains(module + "/");
        }
    }

    @Test
    void buildsAndRunsTheJarThatExamplesBuilds() throws Exception {
        String jar = "examples/target/" + shadedJarName();
        List<List<Instruction>> stages = stages();
        List<Instruction> build = stages.get(0);
        List<Instruction> runtime = stages.get(stages.size() - 1);

        assertThat(build).filteredOn(instruction -> instruction.keyword().equals("WORKDIR"))
                .extracting(Instruction::arguments).containsExactly("/src");
        Instruction lastBuild = build.get(build.size() - 1);
        assertThat(lastBuild.keyword()).isEqualTo("RUN");
        assertThat(lastBuild.arguments()).contains("mvn", "package", "-pl examples", "-am");

        Instruction copyJar = only(runtime, "COPY");
        assertThat(copyJar.arguments()).isEqualTo("--from=build /src/" + jar + " /app/flume.jar");
        List<String> entrypoint = jsonArguments(only(runtime, "ENTRYPOINT"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", "/app/flume.jar");
    }

    @Test
    void runtimeStageRunsJreAsNonRoot() throws Exception {
        List<List<Instruction>> stages = stages();
        List<Instruction> runtime = stages.get(stages.size() - 1);

        Matcher image = Pattern.compile("eclipse-temurin:(\\d+)-jre").matcher(runtime.get(0).arguments());
        assertThat(image.matches()).as(runtime.get(0).toString()).isTrue();
        assertThat(Integer.parseInt(image.group(1))).isGreaterThanOrEqualTo(17);

        String user = only(runtime, "USER").arguments();
        assertThat(user).isNotIn("root", "0");
        assertThat(only(runtime, "RUN").arguments()).contains("useradd", " " + user);
    }

    @Test
    void commandsParseAsFlumeCommandLines() throws Exception {
        List<List<Instruction>> stages = stages();
        List<String> cmd = jsonArguments(only(stages.get(stages.size() - 1), "CMD"));
        List<String> composeCommand = strings(compose().at("/services/app/command"));

        for (List<String> arguments : List.of(cmd, composeCommand)) {
            ParseResult parsed = flumeCommandLine().parseArgs(arguments.toArray(String[]::new));

            assertThat(parsed.subcommand()).as("%s", arguments).isNotNull();
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
            assertThat(parsed.subcommand().unmatched()).isEmpty();
            assertThat(arguments.get(1)).isEqualTo("/config/flume.yaml");
        }
        assertThat(composeCommand).contains("--input", "--keep-running");
    }

    @Test
    void brokerIsSingleKraftNode() throws Exception {
        JsonNode kafka = compose().at("/services/kafka");
        Map<String, String> environment = environment(kafka);

        assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:" + parentProperty("kafka.version"));
        assertThat(environment.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        String nodeId = environment.get("KAFKA_NODE_ID");
        assertThat(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(nodeId + "@kafka:9093");
        assertThat(environment.get("KAFKA_LISTENERS")).contains("CONTROLLER://:9093");
        assertThat(environment.get("KAFKA_CONTROLLER_LISTENER_NAMES")).isEqualTo("CONTROLLER");
        assertThat(environment.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo("1");
        assertThat(environment.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo("1");
        assertThat(compose().at("/services/app/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void mountedConfigBindsWithComposeEnvironment() throws Exception {
        JsonNode app = compose().at("/services/app");
        assertThat(app.at("/build/context").asText()).isEqualTo("..");
        assertThat(DOCKER.resolve(app.at("/build/dockerfile").asText().replace("docker/", ""))).exists();

        // Lay out the container's files as the volumes mount them.
        for (String volume : strings(app.path("volumes"))) {
            String[] parts = volume.split(":");
            Path source = DOCKER.resolve(parts[0]).normalize();
            Path target = container.resolve(parts[1].substring(1));
            assertThat(source).as("volume source of %s", volume).exists();
            assertThat(parts).as("%s is read-only", volume).hasSize(3);
            assertThat(parts[2]).isEqualTo("ro");
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, source.toAbsolutePath());
        }
        List<String> command = strings(app.path("command"));
        String input = command.get(command.indexOf("--input") + 1);
        assertThat(container.resolve(input.substring(1))).as("--input file").isRegularFile();

        Map<String, String> environment = environment(app);
        AppConfig config = ConfigLoader.load(container.resolve("config/flume.yaml"), environment);

        String advertised = environment(compose().at("/services/kafka")).get("KAFKA_ADVERTISED_LISTENERS");
        assertThat(config.bootstrapServers()).contains(advertised.replace("PLAINTEXT://", ""));
        assertThat(config.schema()).contains(container.resolve("config/pipeline.yaml").toAbsolutePath().normalize());
        assertThat(config.shouldCreateTopics()).isTrue();
        assertThat(config.components()).isPresent();
        assertThat(ComponentLibraries.find(config.components().get()).name()).isEqualTo("earthquakes");
    }

    private static CommandLine flumeCommandLine() {
        PrintWriter discard = new PrintWriter(new StringWriter());
        return FlumeCommand.commandLine(discard, discard);
    }

    private static List<List<Instruction>> stages() throws IOException {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction instruction : instructions(DOCKER.resolve("Dockerfile"))) {
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            assertThat(stages).as("%s before the first FROM", instruction).isNotEmpty();
            stages.get(stages.size() - 1).add(instruction);
        }
        assertThat(stages).hasSize(2);
        return stages;
    }

    private static List<Instruction> instructions(Path dockerfile) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        List<String> lines = Files.readAllLines(dockerfile);
        StringBuilder current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (current.isEmpty()) {
                start = i + 1;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String text = current.toString().strip().replaceAll("\\s+", " ");
                int space = text.indexOf(' ');
                instructions.add(new Instruction(start, text.substring(0, space).toUpperCase(), text.substring(space + 1)));
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static Instruction only(List<Instruction> stage, String keyword) {
        List<Instruction> found = stage.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
        assertThat(found).as("%s instructions in the stage", keyword).hasSize(1);
        return found.get(0);
    }

    private static List<String> jsonArguments(Instruction instruction) throws IOException {
        return JSON.readValue(instruction.arguments(), new TypeReference<List<String>>() { });
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(DOCKER.resolve("docker-compose.yml").toFile());
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("a list: %s", array).isTrue();
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }

    private static List<String> modules() throws Exception {
        NodeList modules = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().strip());
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    private static String parentProperty(String name) throws Exception {
        NodeList properties = pom(ROOT.resolve("pom.xml")).getElementsByTagName(name);
        assertThat(properties.getLength()).as("<%s> in pom.xml", name).isEqualTo(1);
        return properties.item(0).getTextContent().strip();
    }

    /** Returns the file name of the shaded jar that examples/pom.xml writes to its build directory. */
    private static String shadedJarName() throws Exception {
        NodeList outputs = pom(ROOT.resolve("examples/pom.xml")).getElementsByTagName("outputFile");
        assertThat(outputs.getLength()).isEqualTo(1);
        String output = outputs.item(0).getTextContent().strip();
        assertThat(output).startsWith("${project.build.directory}/");
        return output.substring("${project.build.directory}/".length());
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
