package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import java.util.List;

/** What {@link ZapParser} needs from a ZAP report, the same for its XML and JSON forms. */
record ZapReport(String version, List<Site> sites) {

    /** @param name the site's base URL as ZAP names it, e.g. {@code https://example.com} */
    record Site(String name, List<Alert> alerts) {
    }

    /**
     * One alert item, its texts as ZAP wrote them (HTML for desc, solution, reference and otherinfo).
     *
     * @param canonical the entry's whole content, for duplicate detection
     */
    record Alert(String pluginId, String alertRef, String alert, String name, String riskCode, String confidence,
                 String riskDesc, String confidenceDesc, String desc, String solution, String reference,
                 String otherInfo, String cweId, String wascId, List<Instance> instances, String canonical) {
    }

    /** Where ZAP saw the alert. Request and response headers and bodies are never kept: they hold cookies. */
    record Instance(String uri, String method, String param, String evidence) {
    }
}
