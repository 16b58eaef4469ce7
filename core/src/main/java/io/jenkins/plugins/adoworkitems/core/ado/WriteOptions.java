package io.jenkins.plugins.adoworkitems.core.ado;

/**
 * Query flags of a create or update.
 *
 * @param validateOnly          check the rules without saving (used by connection validation)
 * @param bypassRules           skip the process rules; needs "Bypass rules on work item updates" permission
 * @param suppressNotifications send no e-mail for this change; needs collection admin rights
 */
public record WriteOptions(boolean validateOnly, boolean bypassRules, boolean suppressNotifications) {
    public static final WriteOptions DEFAULT = new WriteOptions(false, false, false);
    public static final WriteOptions VALIDATE_ONLY = new WriteOptions(true, false, false);
}
