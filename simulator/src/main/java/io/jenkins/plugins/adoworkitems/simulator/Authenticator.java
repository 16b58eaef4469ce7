package io.jenkins.plugins.adoworkitems.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides who is calling the way ADO does: Basic with any user and a PAT as password, or a Bearer token from the
 * simulator's own Entra-like endpoint. Refusals mimic ADO: 203 + sign-in HTML for GET/POST, 401 for PATCH or
 * when the client sends {@code X-TFS-FedAuthRedirect: Suppress}.
 */
final class Authenticator {
    enum Scope { READ_WRITE, READ, NONE }

    record Caller(IdentityRef identity, Scope scope) {
    }

    private final Map<String, PatState> pats;
    private final Map<String, IdentityRef> owners;
    private final IdentityRef patOwner;
    private final TokenService tokens;

    Authenticator(SimulatorConfig config, TokenService tokens) {
        this.pats = config.pats().stream().collect(Collectors.toMap(SimulatorConfig.Pat::token, SimulatorConfig.Pat::state, (a, b) -> b));
        this.patOwner = new IdentityRef(config.identity().displayName(), config.identity().uniqueName());
        this.owners = config.pats().stream().filter(pat -> pat.owner() != null).collect(Collectors.toMap(
                SimulatorConfig.Pat::token, pat -> new IdentityRef(pat.owner().displayName(), pat.owner().uniqueName()),
                (a, b) -> b));
        this.tokens = tokens;
    }

    /** The caller, or an {@link AuthFailure} carrying ADO's answer. */
    Caller authenticate(Request req, String accountUrl) {
        String auth = req.header("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw anonymous(req, accountUrl);
            }
            String pat = decoded.substring(decoded.indexOf(':') + 1);
            PatState state = pats.get(pat);
            if (state == null) {
                throw anonymous(req, accountUrl);
            }
            IdentityRef owner = owners.getOrDefault(pat, patOwner);
            return switch (state) {
                case VALID -> new Caller(owner, Scope.READ_WRITE);
                case READ_ONLY_SCOPE -> new Caller(owner, Scope.READ);
                case NO_WORK_ITEM_SCOPE -> new Caller(owner, Scope.NONE);
                case EXPIRED -> throw new AuthFailure(Response.text(401, "text/plain; charset=utf-8",
                        "Access Denied: The Personal Access Token used has expired.")
                        .withHeader("WWW-Authenticate", "Basic realm=\"" + accountUrl + "\""));
            };
        }
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            IdentityRef who = tokens.identityFor(auth.substring(7).trim());
            if (who == null) {
                throw new AuthFailure(unauthorized("", accountUrl));
            }
            return new Caller(who, Scope.READ_WRITE);
        }
        throw anonymous(req, accountUrl);
    }

    /** The scope check ADO applies after authentication: 401 naming the missing scope. */
    static void requireScope(Caller caller, boolean write, String accountUrl) {
        boolean ok = caller.scope() == Scope.READ_WRITE || (caller.scope() == Scope.READ && !write);
        if (!ok) {
            String needed = write ? "vso.work_write" : "vso.work";
            AdoException e = AdoException.of(401, "TF400813: The user '" + caller.identity().uniqueName()
                            + "' is not authorized to access this resource. The personal access token does not include the scope '" + needed + "' this request requires.",
                    "Microsoft.TeamFoundation.Framework.Server,Microsoft.TeamFoundation.Framework.Server", "UnauthorizedRequestException");
            throw new AuthFailure(Response.error(e));
        }
    }

    private static AuthFailure anonymous(Request req, String accountUrl) {
        boolean suppress = "Suppress".equalsIgnoreCase(req.header("X-TFS-FedAuthRedirect"));
        if (suppress || req.method().equals("PATCH")) {
            return new AuthFailure(unauthorized("", accountUrl));
        }
        String html = "<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head>"
                + "<body><p>Sign in to continue to Azure DevOps.</p></body></html>";
        return new AuthFailure(Response.text(203, "text/html; charset=utf-8", html));
    }

    private static Response unauthorized(String user, String accountUrl) {
        AdoException e = AdoException.of(401, "TF400813: The user '" + user + "' is not authorized to access this resource.",
                "Microsoft.TeamFoundation.Framework.Server,Microsoft.TeamFoundation.Framework.Server", "UnauthorizedRequestException");
        return Response.error(e).withHeader("WWW-Authenticate", "Basic realm=\"" + accountUrl + "\"");
    }

    /** Carries a finished refusal out of the pipeline. */
    static final class AuthFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Response response;

        AuthFailure(Response response) {
            super(null, null, false, false);
            this.response = response;
        }

        Response response() {
            return response;
        }
    }

}
