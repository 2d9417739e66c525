// The test suite's epubcheck, kept running: it reads one EPUB path a line on standard input
// and answers each with a header line "<exit status> <byte count>" and then that many bytes,
// what epubcheck's command line printed for the book. One JVM for a whole test run, where a
// JVM per book cost four seconds of startup and schema loading each, about seventy times.
// Run from source (Java 11 and later): java -cp epubcheck.jar tests/tools/EpubCheckBatch.java

import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckBatch {
    public static void main(String[] args) throws Exception {
        PrintStream answers = System.out;
        BufferedReader requests =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String path;
        while ((path = requests.readLine()) != null) {
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            PrintStream into = new PrintStream(said, true, StandardCharsets.UTF_8);
            System.setOut(into);
            System.setErr(into);
            int status;
            try {
                status = new EpubChecker().run(new String[] {path});
            } catch (Throwable failure) {
                // a crash of epubcheck is the test's failure, with its trace as the output
                failure.printStackTrace(into);
                status = 99;
            } finally {
                into.flush();
                System.setOut(answers);
                System.setErr(answers);
            }
            byte[] bytes = said.toByteArray();
            answers.print(status + " " + bytes.length + "\n");
            answers.write(bytes);
            answers.flush();
        }
    }
}
