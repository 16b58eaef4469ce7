package io.jenkins.plugins.adoworkitems.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The ADO REST surface: finds the account from the URL ({@code /{org}/…} or {@code /tfs/{collection}/…}),
 * authenticates, matches the route, checks the api-version for the flavour and the token's scope, then calls
 * the route. Also serves the $batch sub-requests through the same path.
 */
final class AdoApi {
    private record Route(Resource resource, boolean write, Function<Call, Response> handler) {
    }

    private final Map<String, Account> accounts;
    private final Authenticator authenticator;

    AdoApi(Map<String, Account> accounts, Authenticator authenticator) {
        this.accounts = accounts;
        this.authenticator = authenticator;
    }

    /** True for requests that create or change work items (used by the request log and lost-write fault). */
    static boolean isWrite(Request req) {
        if (req.method().equals("PATCH") || req.method().equals("DELETE") || req.method().equals("PUT")) {
            return true;
        }
        if (!req.method().equals("POST") || req.segments().isEmpty()) {
            return false;
        }
        String last = req.segments().get(req.segments().size() - 1).toLowerCase(Locale.ROOT);
        return last.startsWith("$") || last.equals("comments");
    }

    Response handle(Request req) {
        List<String> s = req.segments();
        boolean server = !s.isEmpty() && s.get(0).equalsIgnoreCase("tfs");
        int accountIndex = server ? 1 : 0;
        if (s.size() <= accountIndex) {
            throw notFound(req);
        }
        Account account = accounts.get(s.get(accountIndex).toLowerCase(Locale.ROOT));
        if (account == null || account.isServer() != server) {
            throw AdoException.webApi(404, "TF400898: The organization or collection '" + s.get(accountIndex) + "' could not be found.", "HostNotFoundException");
        }
        Authenticator.Caller caller = authenticator.authenticate(req, account.url());
        List<String> rest = s.subList(accountIndex + 1, s.size());
        int apis = indexOfApis(rest);
        if (apis < 0 || apis > 2) {
            throw notFound(req);
        }
        ProjectState project = null;
        if (apis >= 1) {
            String name = rest.get(0);
            project = account.project(name).orElseThrow(() -> AdoException.of(404,
                    "TF200016: The following project does not exist: " + name + ". Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.",
                    "Microsoft.TeamFoundation.Core.WebApi,Microsoft.TeamFoundation.Core.WebApi", "ProjectDoesNotExistWithNameException"));
        }
        List<String> route = rest.subList(apis + 1, rest.size());
        if (req.method().equals("OPTIONS")) {
            return ResourceLocations.answer(account, route);
        }
        Route r = match(req, route, apis);
        if (r == null) {
            throw notFound(req);
        }
        ApiVersion version = ApiVersions.check(req, account, r.resource());
        // The location service answers any authenticated caller; only work item resources need the work scopes.
        if (r.resource().area() != ResourceArea.LOCATION) {
            Authenticator.requireScope(caller, r.write(), account.url());
        }
        return r.handler().apply(new Call(req, account, project, route, caller.identity(), version));
    }

    private static int indexOfApis(List<String> rest) {
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equalsIgnoreCase("_apis")) {
                return i;
            }
        }
        return -1;
    }

    /** The route for what follows {@code _apis}; {@code apis} is how many segments (project, team) came before it. */
    private Route match(Request req, List<String> route, int apis) {
        String m = req.method();
        int n = route.size();
        if (n == 0) {
            return null;
        }
        boolean withTeam = apis == 2;
        String first = route.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("connectiondata") || first.equals("resourceareas")) {
            return apis == 0 && m.equals("GET") ? location(first, n) : null;
        }
        if (first.equals("projects")) {
            return m.equals("GET") && n <= 2 ? new Route(Resource.PROJECTS, false, MetadataRoutes::projects) : null;
        }
        if (!first.equals("wit") || n < 2) {
            return null;
        }
        String what = route.get(1).toLowerCase(Locale.ROOT);
        if (withTeam && !what.equals("wiql")) {
            return null;
        }
        switch (what) {
            case "workitems":
                if (n == 2 && m.equals("GET")) {
                    return new Route(Resource.WORK_ITEMS, false, WorkItemRoutes::list);
                }
                // Microsoft's $batch page creates with PATCH on the same $Type URI, so both verbs create.
                if (n == 3 && route.get(2).startsWith("$") && (m.equals("POST") || m.equals("PATCH"))) {
                    return new Route(Resource.WORK_ITEM_CREATE, true, WorkItemRoutes::create);
                }
                if (n == 3 && m.equals("GET")) {
                    return new Route(Resource.WORK_ITEMS, false, WorkItemRoutes::get);
                }
                if (n == 3 && m.equals("PATCH")) {
                    return new Route(Resource.WORK_ITEMS, true, WorkItemRoutes::update);
                }
                if ((n == 4 || n == 5) && route.get(3).equalsIgnoreCase("revisions") && m.equals("GET")) {
                    return new Route(Resource.REVISIONS, false, WorkItemRoutes::revisions);
                }
                if ((n == 4 || n == 5) && route.get(3).equalsIgnoreCase("comments") && m.equals("GET")) {
                    return new Route(Resource.COMMENTS, false, WorkItemRoutes::comments);
                }
                if (n == 4 && route.get(3).equalsIgnoreCase("comments") && m.equals("POST")) {
                    return new Route(Resource.COMMENTS, true, WorkItemRoutes::addComment);
                }
                return null;
            case "workitemsbatch":
                return n == 2 && m.equals("POST") ? new Route(Resource.WORK_ITEMS_BATCH, false, WorkItemRoutes::getBatch) : null;
            case "$batch":
                return n == 2 && (m.equals("PATCH") || m.equals("POST")) ? new Route(Resource.BATCH_UPDATE, true, call -> BatchRoutes.batch(call, this)) : null;
            case "wiql":
                return n == 2 && m.equals("POST") ? new Route(Resource.WIQL, false, WiqlRoutes::query) : null;
            case "workitemtypes":
                if (m.equals("GET") && (n == 3 || n == 4 || n == 5) && n >= 4 && route.get(3).equalsIgnoreCase("fields")) {
                    return new Route(Resource.WORK_ITEM_TYPE_FIELDS, false, MetadataRoutes::fields);
                }
                if (m.equals("GET") && n == 4 && route.get(3).equalsIgnoreCase("states")) {
                    return new Route(Resource.WORK_ITEM_TYPE_STATES, false, MetadataRoutes::states);
                }
                return m.equals("GET") && n <= 3 ? new Route(Resource.WORK_ITEM_TYPES, false, MetadataRoutes::types) : null;
            default:
                return null;
        }
    }

    /** The location service lives at the account level only: {@code _apis/connectionData}, {@code _apis/ResourceAreas[/{areaId}]}. */
    private static Route location(String resource, int n) {
        if (resource.equals("connectiondata")) {
            return n == 1 ? new Route(Resource.CONNECTION_DATA, false, LocationRoutes::connectionData) : null;
        }
        return n <= 2 ? new Route(Resource.RESOURCE_AREAS, false, LocationRoutes::resourceAreas) : null;
    }

    private static AdoException notFound(Request req) {
        return AdoException.webApi(404, "The resource at '" + req.path() + "' could not be found (" + req.method() + ").", "VssResourceNotFoundException");
    }
}
