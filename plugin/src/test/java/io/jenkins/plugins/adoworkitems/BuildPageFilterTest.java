package io.jenkins.plugins.adoworkitems;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.adoworkitems.build.WorkItemsAction;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.SkipReason;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The build page's filter box, run in HtmlUnit's JavaScript as a browser would (issue 15: tables filterable). */
@WithJenkins
class BuildPageFilterTest {
    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    private static FreeStyleBuild buildWithItems(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("filtered");
        FreeStyleBuild build = j.buildAndAssertSuccess(project);
        WorkItemsAction action = new WorkItemsAction();
        build.addAction(action);
        action.add(List.of(
                entry(Action.CREATE, 101, Severity.CRITICAL, "[Critical] CVE-2024-1111 in openssl 3.0.1"),
                entry(Action.CREATE, 102, Severity.HIGH, "[High] CVE-2024-2222 in libxml2 2.9"),
                entry(Action.REOPEN, 103, Severity.HIGH, "[High] SQL injection in OrderController.java"),
                entry(Action.NOOP, 104, Severity.MEDIUM, "[Medium] Weak hash in Passwords.java")));
        build.save();
        return build;
    }

    private static SyncEntry entry(Action action, int id, Severity severity, String title) {
        return new SyncEntry(action, String.format("%032x", id), "security-bugs", id, "", "New", severity, title,
                action.name().toLowerCase(Locale.ROOT), "", "", SkipReason.NONE);
    }

    private static final Pattern ID = Pattern.compile("\\b10\\d\\b");

    private static List<String> shownIds(HtmlPage page) {
        return page.getByXPath("//table[contains(@class,'ado-work-items-rows')]/tbody/tr").stream()
                .map(HtmlElement.class::cast).filter(HtmlElement::isDisplayed)
                .map(row -> {
                    Matcher id = ID.matcher(row.asNormalizedText());
                    return id.find() ? id.group() : row.asNormalizedText();
                }).toList();
    }

    @Test
    void everyWordTypedMustAppearInARowAnyCase(JenkinsRule j) throws Exception {
        FreeStyleBuild build = buildWithItems(j);
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.getPage(build, WorkItemsAction.URL_NAME);
            assertThat(shownIds(page)).as("open rows, then changed rows").containsExactly(
                    "101", "102", "103", "104", "101", "102", "103");

            HtmlInput filter = page.getHtmlElementById("ado-work-items-filter");
            filter.type("high CVE");

            assertThat(shownIds(page)).containsExactly("102", "102");
            assertThat(page.getHtmlElementById("ado-work-items-filter-none").isDisplayed()).isFalse();

            filter.type(" nothing-like-this");

            assertThat(shownIds(page)).isEmpty();
            assertThat(page.getHtmlElementById("ado-work-items-filter-none").isDisplayed()).isTrue();
        }
    }

    @Test
    void theAddressCanCarryTheFilter(JenkinsRule j) throws Exception {
        FreeStyleBuild build = buildWithItems(j);
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.goTo(build.getUrl() + WorkItemsAction.URL_NAME + "?filter=passwords.JAVA");

            assertThat(((HtmlInput) page.getHtmlElementById("ado-work-items-filter")).getValue())
                    .isEqualTo("passwords.JAVA");
            assertThat(shownIds(page)).containsExactly("104");
        }
    }

    /** A dry run of a large scan plans a hundred thousand rows: each table shows 500, the filter finds the others. */
    @Test
    void aLongTableShowsItsFirstRowsAndEnterInTheFilterLooksThroughThemAll(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("long");
        FreeStyleBuild build = j.buildAndAssertSuccess(project);
        WorkItemsAction action = new WorkItemsAction();
        build.addAction(action);
        List<SyncEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 520; i++) {
            entries.add(entry(Action.CREATE, 1000 + i, Severity.HIGH, "[High] finding number " + i));
        }
        action.add(entries);
        build.save();
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.getPage(build, WorkItemsAction.URL_NAME);

            assertThat(page.getByXPath("//table[contains(@class,'ado-work-items-rows')]/tbody/tr"))
                    .as("open and changed tables, 500 rows each").hasSize(1000);
            assertThat(page.asNormalizedText()).contains("20 more rows are not shown")
                    .doesNotContain("finding number 519");

            HtmlInput filter = page.getHtmlElementById("ado-work-items-filter");
            filter.type("NUMBER 519");
            assertThat(shownIds(page)).as("not among the rows shown").isEmpty();
            assertThat(page.getHtmlElementById("ado-work-items-filter-none").isDisplayed()).isTrue();

            filter.type('\n');
            HtmlPage all = (HtmlPage) web.getCurrentWindow().getEnclosedPage();

            assertThat(all.getUrl().getQuery()).isEqualTo("filter=NUMBER%20519");
            assertThat(all.getByXPath("//table[contains(@class,'ado-work-items-rows')]/tbody/tr"))
                    .as("the row in the open and the changed table").hasSize(2);
            assertThat(all.asNormalizedText()).contains("[High] finding number 519").doesNotContain("more rows are not shown");
            assertThat(all.getHtmlElementById("ado-work-items-filter-none").isDisplayed()).isFalse();
        }
    }
}
