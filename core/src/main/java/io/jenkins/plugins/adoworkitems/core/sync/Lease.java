package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.template.Html;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A claim on creating one template's items, seen by syncs on other machines: one work item per template (tag
 * {@code adowi-lease-<16 hex>}) whose description names the run holding it and until when. A run takes it before its
 * creates, with the revision test Azure DevOps offers, so two runs can never both take it; the others wait and then
 * look their planned creates up again. A claim not renewed within its time is over, so a crashed run blocks nobody
 * for long. Nothing here ever fails a sync: without the claim, the re-check after creating retires duplicates.
 */
final class Lease {
    static final String TAG_PREFIX = "adowi-lease-";
    private static final Pattern CLAIM = Pattern.compile("owner=([0-9a-f-]{36}) until=(\\S+)");
    private static final Duration FIRST_POLL = Duration.ofMillis(500);
    private static final Duration LAST_POLL = Duration.ofSeconds(8);

    private final AdoClient client;
    private final Template template;
    private final WorkItemType type;
    private final LeaseSettings settings;
    private final String owner;
    private final String holderName;
    /** The revision of the lease item before planning; 0 when there was none. */
    private int revisionBeforePlan;
    private WorkItem held;
    private Instant renewed;

    private Lease(AdoClient client, Template template, WorkItemType type, LeaseSettings settings, String owner,
                  String holderName) {
        this.client = client;
        this.template = template;
        this.type = type;
        this.settings = settings;
        this.owner = owner;
        // Characters that need no escaping in the HTML field and cannot look like the claim's own syntax.
        String safe = holderName.replaceAll("[^A-Za-z0-9 #._:/-]", "").trim();
        this.holderName = (safe.isEmpty() ? "a sync" : safe.length() > 100 ? safe.substring(0, 100) : safe)
                + " (run " + owner.substring(0, 8) + ")";
    }

    static String tag(Template template) {
        return TAG_PREFIX + Fingerprints.group("lease", List.of(template.name())).value().substring(0, 16);
    }

    /** Notes the lease's revision; called before planning, so that a claim taken since shows. */
    static Lease before(AdoClient client, Template template, WorkItemType type, LeaseSettings settings, String owner,
                        String holderName) {
        Lease lease = new Lease(client, template, type, settings, owner, holderName);
        try {
            lease.revisionBeforePlan = lease.find().map(WorkItem::rev).orElse(0);
        } catch (AdoException e) {
            lease.revisionBeforePlan = -1;
        }
        return lease;
    }

    /**
     * Waits for the claim and takes it.
     *
     * @return whether another run may have created items since planning (it held or took the claim meanwhile, or we
     *         gave up waiting): the planned creates must then be looked up again
     */
    boolean acquire(java.util.function.Consumer<String> log) {
        Instant giveUp = settings.clock().instant().plus(settings.maxWait());
        Duration poll = FIRST_POLL;
        int watchedRev = -1;
        Instant watchedSince = null;
        boolean moved = revisionBeforePlan < 0;
        boolean announced = false;
        try {
            while (true) {
                Optional<WorkItem> found = find();
                if (found.isEmpty()) {
                    if (createClaimed(log)) {
                        return moved;
                    }
                    moved = true;
                    continue;
                }
                WorkItem lease = found.get();
                Optional<Claim> claim = Claim.of(lease.field(Planner.descriptionField(type)));
                if (claim.isPresent() && claim.get().owner().equals(owner)) {
                    // Our own claim, whose answer was lost.
                    hold(lease);
                    return moved;
                }
                moved |= lease.rev() != revisionBeforePlan;
                Instant now = settings.clock().instant();
                if (lease.rev() != watchedRev) {
                    watchedRev = lease.rev();
                    watchedSince = now;
                }
                boolean over = claim.isEmpty() || claim.get().until().plus(settings.skew()).isBefore(now)
                        || !now.isBefore(watchedSince.plus(settings.ttl()));
                if (over) {
                    if (claim.isPresent()) {
                        log.accept("The sync lease of template " + template.name() + " held by " + claim.get().holder()
                                + " ran out (a run that crashed or stalled); taken over.");
                    }
                    if (claim(lease)) {
                        return moved;
                    }
                    moved = true;
                    continue;
                }
                if (!now.isBefore(giveUp)) {
                    log.accept("Waited " + settings.maxWait().toSeconds() + " s for " + claim.get().holder()
                            + " to finish creating items of template " + template.name()
                            + "; creating anyway, duplicates are cleaned up after.");
                    return true;
                }
                if (!announced) {
                    announced = true;
                    log.accept("Waiting for " + claim.get().holder() + ", which is creating items of template "
                            + template.name() + " on another machine.");
                }
                long jitter = ThreadLocalRandom.current().nextLong(poll.toMillis() / 2 + 1);
                settings.sleeper().sleep(poll.plusMillis(jitter));
                poll = poll.multipliedBy(2).compareTo(LAST_POLL) > 0 ? LAST_POLL : poll.multipliedBy(2);
            }
        } catch (AdoException e) {
            log.accept("Could not take the sync lease of template " + template.name() + " (" + e.getMessage()
                    + "); creating without it, duplicates are cleaned up after.");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Between create batches: keeps the claim of a long run from looking like a crashed one. */
    void renewIfDue() {
        if (held == null || settings.clock().instant().isBefore(renewed.plus(settings.ttl().dividedBy(3)))) {
            return;
        }
        try {
            held = client.update(held.id(), JsonPatch.create().testRevision(held.rev())
                    .setField(Planner.descriptionField(type), claimText()), WriteOptions.DEFAULT);
            renewed = settings.clock().instant();
        } catch (AdoException e) {
            // Taken over (we were too slow) or unreachable: go on; the re-check after creating still runs.
            held = null;
        }
    }

    /** Gives the claim up and keeps the lease item off boards (a Removed or Completed state). */
    void release() {
        for (int attempt = 1; held != null && attempt <= Writer.MAX_ATTEMPTS; attempt++) {
            try {
                JsonPatch patch = JsonPatch.create().testRevision(held.rev())
                        .setField(Planner.descriptionField(type), Html.escape("adowi-lease free"));
                if (!Planner.isClosed(type, held.state())) {
                    Planner.firstAllowed(type, held.state(), "Removed", "Completed")
                            .ifPresent(state -> patch.setField("System.State", state));
                }
                client.update(held.id(), patch, WriteOptions.DEFAULT);
                held = null;
            } catch (AdoException e) {
                if (e.code() != ErrorCode.OUTCOME_UNKNOWN && e.code() != ErrorCode.SERVER_ERROR) {
                    held = null;
                    break;
                }
                try {
                    // Released or not: only a claim still ours is released again.
                    WorkItem now = client.workItem(held.id());
                    held = Claim.of(now.field(Planner.descriptionField(type)))
                            .filter(claim -> claim.owner().equals(owner)).map(claim -> now).orElse(null);
                } catch (AdoException again) {
                    held = null;
                }
            }
        }
    }

    /** The lease item, the lowest id if a race created two. */
    private Optional<WorkItem> find() throws AdoException {
        List<Integer> ids = client.wiql(template.project(), "SELECT [System.Id] FROM WorkItems WHERE "
                + "[System.TeamProject] = @project AND [System.Tags] CONTAINS '" + tag(template) + "'", 20);
        return ids.isEmpty() ? Optional.empty()
                : client.workItems(ids).stream().min(Comparator.comparingInt(WorkItem::id));
    }

    /** The first run ever creates the lease item, claimed. Two doing so at once: the lower id is the lease. */
    private boolean createClaimed(java.util.function.Consumer<String> log) throws AdoException {
        JsonPatch patch = JsonPatch.create()
                .setField("System.Title", Planner.oneLineTitle("Sync lease of template " + template.name()
                        + " (Azure DevOps Work Items): lets syncs on several machines take turns creating; leave it"))
                .setField(Planner.descriptionField(type), claimText())
                .setField("System.Tags", tag(template));
        WorkItem mine;
        try {
            mine = client.create(template.project(), template.workItemType(), patch, WriteOptions.DEFAULT);
        } catch (AdoException e) {
            if (e.code() == ErrorCode.OUTCOME_UNKNOWN || e.code() == ErrorCode.SERVER_ERROR) {
                return false; // looked up again: if it was created, it carries our claim
            }
            throw e;
        }
        WorkItem first = find().orElse(mine);
        if (first.id() == mine.id()) {
            hold(mine);
            log.accept("Created the sync lease of template " + template.name() + ": #" + mine.id() + ".");
            return true;
        }
        JsonPatch retire = JsonPatch.create().testRevision(mine.rev())
                .setField("System.Tags", TAG_PREFIX + "duplicate")
                .setField(Planner.descriptionField(type), Html.escape("Duplicate of the sync lease #" + first.id()));
        Planner.firstAllowed(type, mine.state(), "Removed", "Completed").ifPresent(state -> retire.setField("System.State", state));
        try {
            client.update(mine.id(), retire, WriteOptions.DEFAULT);
        } catch (AdoException e) {
            // Left as it is: the lowest id is the lease either way, so ours is never read again.
        }
        return false;
    }

    /** Takes a free or expired claim; false when another run changed it first. */
    private boolean claim(WorkItem lease) throws AdoException {
        try {
            hold(client.update(lease.id(), JsonPatch.create().testRevision(lease.rev())
                    .setField(Planner.descriptionField(type), claimText()), WriteOptions.DEFAULT));
            return true;
        } catch (AdoException e) {
            if (e.code() == ErrorCode.CONFLICT || e.code() == ErrorCode.OUTCOME_UNKNOWN || e.code() == ErrorCode.SERVER_ERROR) {
                return false; // read again: another run's claim, or ours whose answer was lost
            }
            throw e;
        }
    }

    private void hold(WorkItem lease) {
        held = lease;
        renewed = settings.clock().instant();
    }

    private String claimText() {
        Instant until = settings.clock().instant().plus(settings.ttl());
        return "adowi-lease owner=" + owner + " until=" + until + " held by " + holderName;
    }

    /** Who holds a lease and until when, by the holder's clock. */
    record Claim(String owner, Instant until, String holder) {
        static Optional<Claim> of(String description) {
            Matcher matcher = CLAIM.matcher(description == null ? "" : description);
            if (!matcher.find()) {
                return Optional.empty();
            }
            try {
                int by = description.indexOf(" held by ", matcher.end());
                String holder = by < 0 ? "another sync" : description.substring(by + 9).split("<", 2)[0].trim();
                return Optional.of(new Claim(matcher.group(1), Instant.parse(matcher.group(2)), holder));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
