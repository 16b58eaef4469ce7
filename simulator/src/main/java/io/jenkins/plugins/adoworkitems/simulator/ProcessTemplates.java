package io.jenkins.plugins.adoworkitems.simulator;

import io.jenkins.plugins.adoworkitems.simulator.WorkItemTypeDef.State;
import io.jenkins.plugins.adoworkitems.simulator.WorkItemTypeDef.TypeField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four system processes, reduced to what an integration meets: the types, the fields it writes, their rules,
 * and the state machines. Names and values follow Microsoft's process documentation.
 */
final class ProcessTemplates {
    static final Map<String, FieldDef> FIELDS = new LinkedHashMap<>();

    private static FieldDef def(String ref, String name, String type, boolean readOnly, String help) {
        FieldDef f = new FieldDef(ref, name, type, readOnly, help);
        FIELDS.put(ref.toLowerCase(java.util.Locale.ROOT), f);
        return f;
    }

    static final FieldDef ID = def("System.Id", "ID", "integer", true, "The unique identifier of the work item");
    static final FieldDef REV = def("System.Rev", "Rev", "integer", true, null);
    static final FieldDef TITLE = def("System.Title", "Title", "string", false, "Stories: What the user will be able to do when this is implemented");
    static final FieldDef STATE = def("System.State", "State", "string", false, null);
    static final FieldDef REASON = def("System.Reason", "Reason", "string", false, null);
    static final FieldDef AREA = def("System.AreaPath", "Area Path", "treePath", false, "The area of the product with which this work item is associated");
    static final FieldDef ITERATION = def("System.IterationPath", "Iteration Path", "treePath", false, "The iteration within which this work item will be done");
    static final FieldDef TEAM_PROJECT = def("System.TeamProject", "Team Project", "string", true, null);
    static final FieldDef TYPE = def("System.WorkItemType", "Work Item Type", "string", true, null);
    static final FieldDef CREATED_DATE = def("System.CreatedDate", "Created Date", "dateTime", true, null);
    static final FieldDef CREATED_BY = def("System.CreatedBy", "Created By", "identity", true, null);
    static final FieldDef CHANGED_DATE = def("System.ChangedDate", "Changed Date", "dateTime", true, null);
    static final FieldDef CHANGED_BY = def("System.ChangedBy", "Changed By", "identity", true, null);
    static final FieldDef AUTHORIZED_DATE = def("System.AuthorizedDate", "Authorized Date", "dateTime", true, null);
    static final FieldDef COMMENT_COUNT = def("System.CommentCount", "Comment Count", "integer", true, null);
    static final FieldDef ASSIGNED_TO = def("System.AssignedTo", "Assigned To", "identity", false, "The person currently working on this item");
    static final FieldDef TAGS = def("System.Tags", "Tags", "plainText", false, null);
    static final FieldDef DESCRIPTION = def("System.Description", "Description", "html", false, null);
    static final FieldDef HISTORY = def("System.History", "History", "history", false, "Discussion thread plus automatic record of changes");
    static final FieldDef STATE_CHANGE_DATE = def("Microsoft.VSTS.Common.StateChangeDate", "State Change Date", "dateTime", true, null);
    static final FieldDef PRIORITY = def("Microsoft.VSTS.Common.Priority", "Priority", "integer", false, "Business importance. 1=must fix; 4=unimportant.");
    static final FieldDef SEVERITY = def("Microsoft.VSTS.Common.Severity", "Severity", "string", false, "Assessment of the effect of the bug on the project.");
    static final FieldDef REPRO_STEPS = def("Microsoft.VSTS.TCM.ReproSteps", "Repro Steps", "html", false, "How to see the bug. End by contrasting expected with actual behavior.");
    static final FieldDef SYSTEM_INFO = def("Microsoft.VSTS.TCM.SystemInfo", "System Info", "html", false, "Test context, provided automatically by test infrastructure");
    static final FieldDef ACCEPTANCE = def("Microsoft.VSTS.Common.AcceptanceCriteria", "Acceptance Criteria", "html", false, null);
    static final FieldDef VALUE_AREA = def("Microsoft.VSTS.Common.ValueArea", "Value Area", "string", false, null);
    static final FieldDef STORY_POINTS = def("Microsoft.VSTS.Scheduling.StoryPoints", "Story Points", "double", false, null);
    static final FieldDef EFFORT = def("Microsoft.VSTS.Scheduling.Effort", "Effort", "double", false, null);
    static final FieldDef REMAINING = def("Microsoft.VSTS.Scheduling.RemainingWork", "Remaining Work", "double", false, null);
    static final FieldDef ACTIVITY = def("Microsoft.VSTS.Common.Activity", "Activity", "string", false, null);
    static final FieldDef BUSINESS_VALUE = def("Microsoft.VSTS.Common.BusinessValue", "Business Value", "integer", false, null);
    static final FieldDef REQUIREMENT_TYPE = def("Microsoft.VSTS.CMMI.RequirementType", "Requirement Type", "string", false, null);
    static final FieldDef TRIAGE = def("Microsoft.VSTS.Common.Triage", "Triage", "string", false, null);
    static final FieldDef PROBABILITY = def("Microsoft.VSTS.CMMI.Probability", "Probability", "integer", false, null);

    /** Fields whose value the server computes; a client may only set the dates and people with bypassRules. */
    static final List<FieldDef> COMPUTED = List.of(ID, REV, TEAM_PROJECT, TYPE, CREATED_DATE, CREATED_BY, CHANGED_DATE,
            CHANGED_BY, AUTHORIZED_DATE, COMMENT_COUNT, STATE_CHANGE_DATE);

    private static final List<String> SEVERITIES = List.of("1 - Critical", "2 - High", "3 - Medium", "4 - Low");
    private static final List<String> PRIORITIES = List.of("1", "2", "3", "4");

    private static final Map<Process, Map<String, WorkItemTypeDef>> PROCESSES = Map.of(
            Process.AGILE, agile(), Process.SCRUM, scrum(), Process.BASIC, basic(), Process.CMMI, cmmi());

    private ProcessTemplates() {
    }

    static Collection<WorkItemTypeDef> types(Process process) {
        return PROCESSES.get(process).values();
    }

    static WorkItemTypeDef type(Process process, String name) {
        return PROCESSES.get(process).get(name.toLowerCase(java.util.Locale.ROOT));
    }

    static FieldDef field(String referenceOrName) {
        FieldDef f = FIELDS.get(referenceOrName.toLowerCase(java.util.Locale.ROOT));
        if (f != null) {
            return f;
        }
        return FIELDS.values().stream().filter(d -> d.name().equalsIgnoreCase(referenceOrName)).findFirst().orElse(null);
    }

    private static Map<String, WorkItemTypeDef> agile() {
        List<State> full = states("New:b2b2b2:Proposed", "Active:007acc:InProgress", "Resolved:ff9d00:Resolved", "Closed:339933:Completed", "Removed:ffffff:Removed");
        List<State> task = states("New:b2b2b2:Proposed", "Active:007acc:InProgress", "Closed:339933:Completed", "Removed:ffffff:Removed");
        Map<String, List<String>> bugReasons = Map.of(
                "New", List.of("New defect reported", "Build failure"),
                "Active", List.of("Approved", "Reactivated", "Investigation Complete", "Regression"),
                "Resolved", List.of("Fixed", "As Designed", "Cannot Reproduce", "Copied to Backlog", "Deferred", "Duplicate", "Obsolete"),
                "Closed", List.of("Verified", "As Designed", "Cannot Reproduce", "Duplicate", "Obsolete", "Deferred"),
                "Removed", List.of("Removed from the backlog"));
        Map<String, List<String>> storyReasons = Map.of(
                "New", List.of("New", "Moved to the backlog"), "Active", List.of("Implementation started", "Reactivated"),
                "Resolved", List.of("Code complete and unit tests pass"), "Closed", List.of("Acceptance tests pass", "Abandoned"),
                "Removed", List.of("Removed from the backlog"));
        Map<String, List<String>> taskReasons = Map.of("New", List.of("New"), "Active", List.of("Work started", "Reactivated"),
                "Closed", List.of("Completed", "Cut", "Deferred", "Obsolete"), "Removed", List.of("Removed from the backlog"));
        Map<String, WorkItemTypeDef> types = new LinkedHashMap<>();
        put(types, type("Bug", "Microsoft.VSTS.WorkItemTypes.Bug", "Describes a divergence between required and actual behavior, and tracks the work done to correct the defect and verify the correction.",
                "CC293D", "icon_insect", full, bugReasons,
                opt(PRIORITY, PRIORITIES, 2), opt(SEVERITY, SEVERITIES, "3 - Medium"), opt(REPRO_STEPS), opt(SYSTEM_INFO), opt(STORY_POINTS), opt(ACTIVITY, activities(), null)));
        put(types, type("Task", "Microsoft.VSTS.WorkItemTypes.Task", "Tracks work that needs to be done.", "F2CB1D", "icon_clipboard", task, taskReasons,
                opt(PRIORITY, PRIORITIES, 2), opt(ACTIVITY, activities(), null), opt(REMAINING)));
        put(types, type("User Story", "Microsoft.VSTS.WorkItemTypes.UserStory", "Tracks an activity the user will be able to perform with the product", "009CCC", "icon_book", full, storyReasons,
                opt(PRIORITY, PRIORITIES, 2), opt(STORY_POINTS), opt(ACCEPTANCE), opt(VALUE_AREA, List.of("Architectural", "Business"), "Business")));
        put(types, type("Epic", "Microsoft.VSTS.WorkItemTypes.Epic", "Epics help teams effectively manage and groom their product backlog", "FF7B00", "icon_crown", full, storyReasons,
                opt(PRIORITY, PRIORITIES, 2), opt(VALUE_AREA, List.of("Architectural", "Business"), "Business")));
        put(types, type("Feature", "Microsoft.VSTS.WorkItemTypes.Feature", "Tracks a feature which will be released with the product", "773B93", "icon_trophy", full, storyReasons,
                opt(PRIORITY, PRIORITIES, 2), opt(VALUE_AREA, List.of("Architectural", "Business"), "Business")));
        put(types, type("Issue", "Microsoft.VSTS.WorkItemTypes.Issue", "Tracks an obstacle to progress.", "B4009E", "icon_traffic_cone",
                states("Active:007acc:InProgress", "Closed:339933:Completed"), Map.of("Active", List.of("New", "Reactivated"), "Closed", List.of("Resolved")),
                opt(PRIORITY, PRIORITIES, 2)));
        return types;
    }

    private static Map<String, WorkItemTypeDef> scrum() {
        List<State> backlog = states("New:b2b2b2:Proposed", "Approved:5688E0:Proposed", "Committed:007acc:InProgress", "Done:339933:Completed", "Removed:ffffff:Removed");
        Map<String, List<String>> backlogReasons = Map.of("New", List.of("New backlog item", "Reconsidering backlog item"),
                "Approved", List.of("Approved by the Product Owner"), "Committed", List.of("Commitment made by the team"),
                "Done", List.of("Work finished"), "Removed", List.of("Removed from the backlog"));
        Map<String, WorkItemTypeDef> types = new LinkedHashMap<>();
        put(types, type("Bug", "Microsoft.VSTS.WorkItemTypes.Bug", "Describes a divergence between required and actual behavior, and tracks the work done to correct the defect and verify the correction.",
                "CC293D", "icon_insect", backlog, backlogReasons,
                opt(PRIORITY, PRIORITIES, 2), opt(SEVERITY, SEVERITIES, "3 - Medium"), opt(REPRO_STEPS), opt(SYSTEM_INFO), opt(EFFORT), opt(ACCEPTANCE)));
        put(types, type("Product Backlog Item", "Microsoft.VSTS.WorkItemTypes.ProductBacklogItem", "Tracks an activity the user will be able to perform with the product", "009CCC", "icon_list",
                backlog, backlogReasons, opt(PRIORITY, PRIORITIES, 2), opt(EFFORT), opt(BUSINESS_VALUE), opt(ACCEPTANCE), opt(VALUE_AREA, List.of("Architectural", "Business"), "Business")));
        put(types, type("Task", "Microsoft.VSTS.WorkItemTypes.Task", "Tracks work that needs to be done.", "F2CB1D", "icon_clipboard",
                states("To Do:b2b2b2:Proposed", "In Progress:007acc:InProgress", "Done:339933:Completed", "Removed:ffffff:Removed"),
                Map.of("To Do", List.of("New task", "Work stopped"), "In Progress", List.of("Work started"), "Done", List.of("Work finished"), "Removed", List.of("Removed from the backlog")),
                opt(PRIORITY, PRIORITIES, 2), opt(ACTIVITY, activities(), null), opt(REMAINING)));
        put(types, type("Impediment", "Microsoft.VSTS.WorkItemTypes.Issue", "Tracks an obstacle to progress.", "B4009E", "icon_traffic_cone",
                states("Open:b2b2b2:Proposed", "Closed:339933:Completed"), Map.of("Open", List.of("New impediment", "Reconsidering impediment"), "Closed", List.of("Impediment removed")),
                opt(PRIORITY, PRIORITIES, 2)));
        put(types, type("Epic", "Microsoft.VSTS.WorkItemTypes.Epic", "Epics help teams effectively manage and groom their product backlog", "FF7B00", "icon_crown",
                states("New:b2b2b2:Proposed", "In Progress:007acc:InProgress", "Done:339933:Completed", "Removed:ffffff:Removed"), Map.of(),
                opt(PRIORITY, PRIORITIES, 2), opt(VALUE_AREA, List.of("Architectural", "Business"), "Business")));
        put(types, type("Feature", "Microsoft.VSTS.WorkItemTypes.Feature", "Tracks a feature which will be released with the product", "773B93", "icon_trophy",
                states("New:b2b2b2:Proposed", "In Progress:007acc:InProgress", "Done:339933:Completed", "Removed:ffffff:Removed"), Map.of(),
                opt(PRIORITY, PRIORITIES, 2), opt(VALUE_AREA, List.of("Architectural", "Business"), "Business")));
        return types;
    }

    private static Map<String, WorkItemTypeDef> basic() {
        List<State> todo = states("To Do:b2b2b2:Proposed", "Doing:007acc:InProgress", "Done:339933:Completed");
        Map<String, List<String>> reasons = Map.of("To Do", List.of("Added to backlog", "Moved to the backlog"),
                "Doing", List.of("Started", "Reactivated"), "Done", List.of("Completed"));
        Map<String, WorkItemTypeDef> types = new LinkedHashMap<>();
        put(types, type("Issue", "Microsoft.VSTS.WorkItemTypes.Issue", "Tracks work to be done.", "339947", "icon_clipboard_issue", todo, reasons,
                opt(PRIORITY, PRIORITIES, 2), opt(EFFORT)));
        put(types, type("Task", "Microsoft.VSTS.WorkItemTypes.Task", "Tracks work that needs to be done.", "F2CB1D", "icon_clipboard", todo, reasons,
                opt(PRIORITY, PRIORITIES, 2), opt(ACTIVITY, activities(), null), opt(REMAINING)));
        put(types, type("Epic", "Microsoft.VSTS.WorkItemTypes.Epic", "Epics help teams effectively manage and groom their product backlog", "FF7B00", "icon_crown", todo, reasons,
                opt(PRIORITY, PRIORITIES, 2)));
        return types;
    }

    private static Map<String, WorkItemTypeDef> cmmi() {
        List<State> states = states("Proposed:b2b2b2:Proposed", "Active:007acc:InProgress", "Resolved:ff9d00:Resolved", "Closed:339933:Completed");
        Map<String, List<String>> reasons = Map.of("Proposed", List.of("New", "Investigate", "Reconsidering"),
                "Active", List.of("Approved", "Investigation Complete", "Reactivated", "Regression"),
                "Resolved", List.of("Fixed", "As Designed", "Cannot Reproduce", "Deferred", "Duplicate", "Obsolete"),
                "Closed", List.of("Verified", "Rejected", "Deferred", "Duplicate", "Obsolete", "Validation Test Passed"));
        List<String> triage = List.of("Pending", "More Info", "Info Received", "Triaged");
        Map<String, WorkItemTypeDef> types = new LinkedHashMap<>();
        put(types, type("Bug", "Microsoft.VSTS.WorkItemTypes.Bug", "Describes a divergence between required and actual behavior, and tracks the work done to correct the defect and verify the correction.",
                "CC293D", "icon_insect", states, reasons,
                opt(PRIORITY, PRIORITIES, 2), opt(SEVERITY, SEVERITIES, "3 - Medium"), opt(REPRO_STEPS), opt(SYSTEM_INFO), opt(TRIAGE, triage, "Pending")));
        put(types, type("Task", "Microsoft.VSTS.WorkItemTypes.Task", "Tracks work that needs to be done.", "F2CB1D", "icon_clipboard", states, reasons,
                opt(PRIORITY, PRIORITIES, 2), opt(REMAINING), opt(TRIAGE, triage, "Pending")));
        put(types, type("Requirement", "Microsoft.VSTS.WorkItemTypes.Requirement", "Captures and tracks what the product needs to do to solve the customer problem.", "009CCC", "icon_book",
                states, reasons, opt(PRIORITY, PRIORITIES, 2),
                new TypeField(REQUIREMENT_TYPE, true, List.of("Business Objective", "Feature", "Functional", "Interface", "Operational", "Quality of Service", "Safety", "Scenario", "Security"), "Functional"),
                opt(TRIAGE, triage, "Pending")));
        put(types, type("Issue", "Microsoft.VSTS.WorkItemTypes.Issue", "Tracks an obstacle to progress.", "B4009E", "icon_traffic_cone",
                states("Active:007acc:InProgress", "Resolved:ff9d00:Resolved", "Closed:339933:Completed"), reasons, opt(PRIORITY, PRIORITIES, 2)));
        put(types, type("Risk", "Microsoft.VSTS.WorkItemTypes.Risk", "Tracks an event that may happen and have a negative impact.", "5C197B", "icon_chart",
                states, reasons, opt(PRIORITY, PRIORITIES, 2), opt(SEVERITY, SEVERITIES, "3 - Medium"), opt(PROBABILITY)));
        put(types, type("Epic", "Microsoft.VSTS.WorkItemTypes.Epic", "Epics help teams effectively manage and groom their product backlog", "FF7B00", "icon_crown", states, reasons,
                opt(PRIORITY, PRIORITIES, 2)));
        put(types, type("Feature", "Microsoft.VSTS.WorkItemTypes.Feature", "Tracks a feature which will be released with the product", "773B93", "icon_trophy", states, reasons,
                opt(PRIORITY, PRIORITIES, 2)));
        return types;
    }

    private static List<String> activities() {
        return List.of("Deployment", "Design", "Development", "Documentation", "Requirements", "Testing");
    }

    private static void put(Map<String, WorkItemTypeDef> types, WorkItemTypeDef type) {
        types.put(type.lowerName(), type);
    }

    private static TypeField opt(FieldDef f) {
        return new TypeField(f, false, List.of(), null);
    }

    private static TypeField opt(FieldDef f, List<String> allowed, Object defaultValue) {
        return new TypeField(f, false, allowed, defaultValue);
    }

    private static List<State> states(String... specs) {
        List<State> list = new ArrayList<>();
        for (String s : specs) {
            String[] p = s.split(":");
            list.add(new State(p[0], p[1], p[2]));
        }
        return List.copyOf(list);
    }

    /**
     * Every type gets the system fields; state moves are free among the live states, and a removed item only comes
     * back through the initial state (as in the system processes' workflows).
     */
    private static WorkItemTypeDef type(String name, String ref, String description, String color, String icon,
                                        List<State> states, Map<String, List<String>> reasons, TypeField... specific) {
        List<TypeField> fields = new ArrayList<>();
        for (FieldDef f : List.of(ID, REV, AREA, TEAM_PROJECT, ITERATION, TYPE, STATE, REASON, ASSIGNED_TO, CREATED_DATE, CREATED_BY,
                CHANGED_DATE, CHANGED_BY, AUTHORIZED_DATE, COMMENT_COUNT, TAGS, DESCRIPTION, HISTORY, STATE_CHANGE_DATE)) {
            fields.add(new TypeField(f, f == AREA || f == ITERATION || f == STATE || f == REASON, List.of(), null));
        }
        fields.add(new TypeField(TITLE, true, List.of(), null));
        fields.addAll(List.of(specific));
        Map<String, List<String>> transitions = new LinkedHashMap<>();
        String initial = states.get(0).name();
        transitions.put("", List.of(initial));
        for (State from : states) {
            List<String> to = new ArrayList<>();
            for (State s : states) {
                boolean fromRemoved = from.category().equals("Removed");
                if (!s.equals(from) && (!fromRemoved || s.name().equals(initial))) {
                    to.add(s.name());
                }
            }
            transitions.put(from.name(), List.copyOf(to));
        }
        Map<String, List<String>> allReasons = new LinkedHashMap<>();
        for (State s : states) {
            allReasons.put(s.name(), reasons.getOrDefault(s.name(), List.of(s.category().equals("Proposed") ? "New" : "Moved to state " + s.name())));
        }
        return new WorkItemTypeDef(name, ref, description, color, icon, List.copyOf(fields), states, transitions, allReasons);
    }
}
