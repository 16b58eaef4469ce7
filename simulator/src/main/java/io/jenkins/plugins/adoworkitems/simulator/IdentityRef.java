package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** A person or service principal as ADO renders it inside work items (an IdentityRef). */
record IdentityRef(String displayName, String uniqueName) {
    String id() {
        return UUID.nameUUIDFromBytes(uniqueName.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The "Display Name &lt;unique@name&gt;" form WIQL and older clients use. */
    String combined() {
        return displayName + " <" + uniqueName + ">";
    }

    boolean matches(String text) {
        String t = text.trim();
        return t.equalsIgnoreCase(uniqueName) || t.equalsIgnoreCase(displayName) || t.equalsIgnoreCase(combined());
    }

    /** Parses what a client may write into an identity field: an email, a display name or "Name &lt;email&gt;". */
    static IdentityRef parse(String text) {
        String t = text.trim();
        int lt = t.lastIndexOf('<');
        if (lt > 0 && t.endsWith(">")) {
            return new IdentityRef(t.substring(0, lt).trim(), t.substring(lt + 1, t.length() - 1).trim());
        }
        return new IdentityRef(t, t);
    }

    ObjectNode toJson(String accountUrl) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        String descriptor = "aad." + Base64.getUrlEncoder().withoutPadding().encodeToString(id().getBytes(StandardCharsets.UTF_8));
        n.put("displayName", displayName);
        n.put("url", accountUrl + "/_apis/Identities/" + id());
        n.putObject("_links").putObject("avatar").put("href", accountUrl + "/_apis/GraphProfile/MemberAvatars/" + descriptor);
        n.put("id", id());
        n.put("uniqueName", uniqueName);
        n.put("imageUrl", accountUrl + "/_api/_common/identityImage?id=" + id());
        n.put("descriptor", descriptor);
        return n;
    }
}
