package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.Map;

/**
 * What a sync will write, as {@link ConnectionValidator} checks it: where items go and which fields they get. The
 * client knows nothing of templates; callers build this from theirs.
 *
 * @param areaPath         empty for the project's default area
 * @param iterationPath    empty for the project's default iteration
 * @param fieldMapping     field reference name to the value or template that fills it; values containing
 *                         {@code ${…}} or {@code {{…}}} are templates and not checked against allowed values
 * @param fingerprintField a field of the type that holds the fingerprint, or empty for the tag
 */
public record WorkItemSetup(String project, String workItemType, String areaPath, String iterationPath,
                            Map<String, String> fieldMapping, String fingerprintField) {
    public WorkItemSetup {
        areaPath = areaPath == null ? "" : areaPath;
        iterationPath = iterationPath == null ? "" : iterationPath;
        fieldMapping = Map.copyOf(fieldMapping);
        fingerprintField = fingerprintField == null ? "" : fingerprintField;
    }

    /** Only a project, a type and fields: what a check of credentials and type needs. */
    public static WorkItemSetup of(String project, String workItemType, Map<String, String> fieldMapping) {
        return new WorkItemSetup(project, workItemType, "", "", fieldMapping, "");
    }
}
