package org.mxgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;

/**
 * The packages depend one way, following the mail: shared values at the ground, then settings
 * and DNS, the gateways, the queue, recipient verification, delivery and reports, the checks, collection and automatic
 * creation, the SMTP dialogue and, on top, the SMTP listener (the web module sits above all of
 * it and is built apart). A class may use its own layer and the layers below it, never one above.
 */
@AnalyzeClasses(packages = "org.mxgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** From the ground up; each entry is one layer of one or more packages. */
    static final List<String[]> LAYERS = List.of(
            new String[] {"mail", "limit"},
            new String[] {"config", "dns", "scan", "metrics"},
            new String[] {"admin"},
            new String[] {"gateway"},
            new String[] {"queue"},
            new String[] {"verify"},
            new String[] {"delivery", "report"},
            new String[] {"policy"},
            new String[] {"dequeue", "autogateway"},
            new String[] {"smtp.protocol"},
            new String[] {"smtp"});

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.mxgate.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersDependDownwardOnly = layered();

    @ArchTest
    static final ArchRule onlyTheDnsPackageUsesDnsjava = noClasses().that().resideOutsideOfPackage("org.mxgate.dns")
            .should().dependOnClassesThat().resideInAPackage("org.xbill.DNS..");

    @ArchTest
    static final ArchRule onlyTheSmtpListenerUsesSubEthaSmtp = noClasses().that()
            .resideOutsideOfPackages("org.mxgate.smtp", "org.mxgate.smtp.protocol")
            .should().dependOnClassesThat().resideInAPackage("org.subethamail..");

    private static ArchRule layered() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (int i = 0; i < LAYERS.size(); i++) {
            architecture = architecture.layer(name(i)).definedBy(Arrays.stream(LAYERS.get(i))
                    .map(p -> p.equals("smtp") ? "org.mxgate.smtp" : "org.mxgate." + p + "..").toArray(String[]::new));
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = new String[LAYERS.size() - 1 - i];
            for (int j = i + 1; j < LAYERS.size(); j++) {
                above[j - i - 1] = name(j);
            }
            architecture = architecture.whereLayer(name(i)).mayOnlyBeAccessedByLayers(above);
        }
        return architecture.whereLayer(name(LAYERS.size() - 1)).mayNotBeAccessedByAnyLayer();
    }

    private static String name(int layer) {
        return String.join("+", LAYERS.get(layer));
    }
}
