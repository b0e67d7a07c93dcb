"""Sentences and headers of the yearly plan, monitoring and tiering.

English templates (``{placeholders}`` filled by :func:`relgraph.text.say`);
their translations are in the gettext catalogue (``make catalog``).
"""

TEMPLATES: dict[str, str] = {
    # -- planning (plan, monitor, tiering) ------------------------------------
    "mon_before": "the earlier snapshot",
    "mon_now": "the later snapshot",
    "mon_between": "between {old} and {new}",
    "mon_position_text": "{title} (level {level})",
    "mon_joined": "{who} joined as {position}",
    "mon_left": "{who}, {position}, left",
    "mon_moved": "{who} moved from {before} to {after}",
    "mon_role": "{who} in {opp}: {before} → {after}",
    "mon_attitude": "{who}: attitude {before} → {after} ({shift}), assessed {date}",
    "mon_new_supporter": "{who} now backs {competitor} (strength {strength})",
    "mon_lost_supporter": "{who} no longer backs {competitor}",
    "mon_support_strength": "{who}: backing {before} → {after}",
    "mon_gap_opened": "gap opened in {opp}: {why}",
    "mon_gap_closed": "gap closed in {opp}: {why}",
    "mon_index": "{party}: support index in {opp} {before} → {after}",
    "mon_withheld_people": (
        "{n} person(s) known only through sensitive ties left out of the comparison; pass "
        "include_sensitive=True to include them."
    ),
    "mon_left_out": (
        "{n} change(s) of people known only through sensitive ties left out; "
        "pass include_sensitive=True to include them."
    ),
    "mon_nothing_left_out": "No change was left out for privacy.",
    "mon_included": "Changes of people known only through sensitive ties are INCLUDED.",
    "mon_no_gaps": "Coverage gaps were not compared (gaps=False).",
    "mon_none": "No changes {when}.",
    "mon_head": "{n} change(s) {when}.",
    "mon_group_key": "Key positions: {items}.",
    "mon_group_people": "Other personnel changes: {items}.",
    "mon_group_attitude": "Attitude shifts: {items}.",
    "mon_group_backing": "Competitor support: {items}.",
    "mon_group_gaps": "Coverage gaps: {opened} opened, {closed} closed.",
    "mon_group_index": "Support index: {items}.",
    "mon_plot_title": "Decision support index over time: {opp}",
    "mon_plot_ylabel": "index (us −3..+3, competitors 0..3)",
    "tier_why": (
        "score {score:.1f} = 100 × ({wv:g} × value {v:.2f} + {wp:g} × potential {p:.2f} "
        "+ {wf:g} × fit {f:.2f}) → {tier} ({meaning}, score ≥ {cut:g})"
    ),
    "plan_title": "Relationship plan: {opportunity}",
    "plan_cover_note": "note",
    "plan_cover_opportunity": "opportunity",
    "plan_cover_account": "account",
    "plan_cover_period": "planning cycle",
    "plan_cover_reviews": "reviews",
    "plan_cover_reviews_text": (
        "weekly, by each target's owner A with their manager; half-year adjustment on {half}"
    ),
    "plan_cover_capacity": "capacity",
    "plan_cover_targets": "targets chosen",
    "plan_cover_settings": "settings",
    "plan_custom_settings": "custom settings (net.settings differs from relgraph's defaults)",
    "plan_cover_stale": "stale attitudes",
    "plan_cover_stale_text": "assessed more than {days} days before {as_of}",
    "plan_sheet_status": (
        "status assessment: every key person's role, level, attitude, competitor backing, "
        "owners, channels, last contact and gaps"
    ),
    "plan_sheet_targets": (
        "target task book: current → goal attitude, objective, owners A/B, sponsor, "
        "deadline, measure of success"
    ),
    "plan_sheet_actions": (
        "relationship action plan: route steps, sponsor touchpoints, review dates"
    ),
    "plan_sheet_cards": (
        "key-customer expansion cards: identification, sponsor, trust channel, activities, review"
    ),
    "plan_left_status": (
        "{n} key person(s) known only through sensitive ties left out of the status sheet."
    ),
    "plan_no_route": "no route found within the hop limit; find an introduction",
    "plan_step_find": "find someone who can introduce us to {target}",
    "plan_tie": "{kind} {strength:.2f}",
    "plan_step_meet": "{who} meets {target} ({tie})",
    "plan_direct": "direct: {who} ({tie})",
    "plan_step_ask": "{who} contacts {via} ({tie}) and asks for an introduction to {target}",
    "plan_step_introduce": "{via} introduces {who} to {target} ({tie})",
    "plan_touch_dates": (
        "{sponsor} notes {target}'s key dates (holidays, promotions, project milestones) "
        "and sends greetings on each"
    ),
    "plan_touch_visit": "{sponsor} visits {target}",
    "plan_touch_forum": "{sponsor} invites {target} to a forum or exhibition",
    "plan_touch_exchange": "{sponsor} holds a regular exchange with {target}",
    "plan_review_weekly": (
        "{reviewer} reviews progress on {target} with {owner} every week from this date"
    ),
    "plan_review_half": "half-year adjustment of the plan for {target}",
    "plan_card_review": ("weekly with {reviewer} from {first}; half-year adjustment on {half}"),
    "plan_why_route": (
        "the target's most reliable route, the same in every sheet; our person closest to "
        "the customer opens the door"
    ),
    "plan_why_no_route": "no route within the hop limit: the door has to be found first",
    "plan_why_meeting": "owner A meets the target only after the introduction that reaches them",
    "plan_why_review_sponsor": (
        "weekly review by the sponsor: owner A has no manager in the data (add one)"
    ),
    "plan_team_meeting": "the account team's weekly meeting",
    "plan_channel": "through {first} ({hops} hop(s))",
    "plan_step_follow_up": "{who} follows up with {target} after the introduction",
    "plan_step_meet_at": "{who} meets {target} at the {place} (an opening, not yet a tie)",
    "plan_step_bring_to": (
        "{via} brings {who} along to meet {target} at the {place} (an opening, not yet a tie)"
    ),
    "plan_step_meet_at_with": (
        "{who} takes owner A {owner} along to meet {target} at the {place} (an opening, not "
        "yet a tie); {owner} keeps the contact from then on"
    ),
    "plan_step_take": (
        "{who} introduces owner A {owner} to {target} ({tie}); {owner} keeps the contact "
        "from then on"
    ),
    "plan_step_ask_for": (
        "{who} contacts {via} ({tie}) and asks them to introduce owner A {owner} to {target}"
    ),
    "plan_place": "{kind} {name}",
    "plan_why_review_nobody": (
        "nobody of ours is known to be senior to owner A (no manager in the data, no senior "
        "sponsor): the account team reviews at its weekly meeting; add owner A's manager "
        "(a reports_to tie)"
    ),
    "plan_cover_capacity_targets": (
        "up to {n} targets; owner A of at most {max_a} each ({top} for our top executives)"
    ),
    "plan_cover_capacity_hours": (
        "hours per person of ours: {hours}; {limit}; owner A of at most {max_a} each ({top} "
        "for our top executives)"
    ),
    "plan_cover_no_limit": "no limit on the number of targets",
    "plan_cover_limit": "up to {n} targets",
    "plan_cover_targets_no_owner": (
        "; {n} without owner A: nobody of ours had room for them (each has one action: "
        "find an owner)"
    ),
    "plan_step_find_owner": (
        "the account team finds an owner A for {target}: nobody of ours had room (owner-A "
        "limit, load limit or hours); free someone's time or drop a lower-gain target"
    ),
    "plan_why_find_owner": (
        "a target without owner A cannot be worked: every introduction introduces owner A"
    ),
    "plan_channel_no_owner": "none yet: the target needs an owner A first",
    "plan_sponsor_no_owner": "none yet: the target needs an owner A first",
    "plan_cover_targets_text": (
        "{n}, of which {new} role holder(s) no route reaches, listed last: they need a new "
        "way in first"
    ),
    "plan_cover_sponsor_budget": "sponsor time",
    "plan_cover_sponsor_budget_text": (
        "at most {n} occasions (visits, forums, exchanges) a month per sponsor, across all "
        "their targets"
    ),
    "plan_why_sponsor": "the sponsor's scarce time: visits, forums, regular exchanges, key dates",
    "plan_why_review": "weekly review by the owner's manager, larger adjustment every half year",
    "plan_measure_neutralise": (
        "{name} assessed at {goal:+d} or better at a key event, and no longer acting against us"
    ),
    "plan_measure_convert": (
        "{name} assessed at {goal:+d} or better at a key event, covered by owners A and B"
    ),
    "plan_measure_mobilise": (
        "{name} assessed at {goal:+d} and acting for us (speaks for us in the decision, "
        "shares information)"
    ),
    "plan_measure_work_through": (
        "{name} assessed at {goal:+d} and speaking for us to the people they sway"
    ),
    "plan_measure_counter": (
        "{name} assessed at {goal:+d} or better and willing to weigh in against "
        "{competitor}'s top supporter"
    ),
    # the "About" sheet of the plan workbook: one description per column; a key
    # plan_col_<Sheet>_<column> wins over the shared plan_col_<column>.
    "plan_cover_about": "About sheet",
    "plan_cover_about_text": "what every sheet and column means, and what was left out",
    "plan_about_sheet": "sheet",
    "plan_about_column": "column",
    "plan_about_type": "type",
    "plan_about_meaning": "meaning",
    "plan_about_workbook": "workbook",
    "plan_about_generated": "written on {date} by relgraph {version}; planning cycle from {as_of}",
    "plan_about_note": "note: {note}",
    "plan_about_cover": "the settings used, what was left out, and the sheets",
    "plan_col_person": "person id in the account data (people.csv)",
    "plan_col_name": "display name, e.g. 方华 (Fang Hua)",
    "plan_col_title": "the person's job title",
    "plan_col_level": (
        "organisational level: 1 board, 2 C-suite, 3 VP/director, 4 manager, 5 staff"
    ),
    "plan_col_roles": "the person's roles in this opportunity (decision maker, evaluator …)",
    "plan_col_power": (
        "decision power in this opportunity, 0..1 (roles table, else the role's default)"
    ),
    "plan_col_attitude": "attitude to us, −3 (opposes) … 0 (neutral) … +3 (exclusive supporter)",
    "plan_col_updated": "date the attitude was last assessed",
    "plan_col_stale": "TRUE when the attitude was assessed more than settings.stale_days ago",
    "plan_col_backs": "competitor (org id) this person supports, blank for none",
    "plan_col_backing": "strength of the support for that competitor, 1..3",
    "plan_col_hidden": "TRUE for a hidden influencer: no formal role but high leverage",
    "plan_col_do_not_contact": (
        "TRUE for a person marked do-not-contact (bid supervision …): never a target, owner, "
        "sponsor or route step"
    ),
    "plan_col_sways": (
        "for a target to work through: the entrenched opponent(s) this person sways"
    ),
    "plan_col_owners": "our people with a covers tie to this person (owners A/B)",
    "plan_col_n_owners": "number of owners; fewer than two is a coverage gap",
    "plan_col_channels": (
        "independent information channels: people who inform us about this person"
    ),
    "plan_col_n_channels": "number of independent channels; fewer than two is a coverage gap",
    "plan_col_route_strength": (
        "strength of the best introduction route from our team: product of tie strengths, 0..1"
    ),
    "plan_col_last_contact": "date of the last touchpoint in the interactions log",
    "plan_col_gaps": "coverage rules this person breaks (see relgraph coverage)",
    "plan_col_Status_why": "plain-language summary of the row",
    "plan_col_rank": "order in which the target was picked (1 = largest expected gain)",
    "plan_col_objective": (
        "what to achieve: neutralise an opponent, convert a neutral, mobilise a supporter, "
        "work through someone an entrenched opponent listens to (make them an advocate), "
        "or counter a competitor's top supporter"
    ),
    "plan_col_competitor": "competitor (org id) concerned, blank when none",
    "plan_col_goal": "goal attitude at the deadline, −3..+3",
    "plan_col_owner_a": "our person who owns the relationship (acts)",
    "plan_col_owner_b": "our second owner (backup, independent route)",
    "plan_col_sponsor": "our senior person who backs the work (visits, forums, key dates)",
    "plan_col_deadline": (
        "date the goal is due: the half-year review for neutralise/counter, else cycle end"
    ),
    "plan_col_measure": "how to tell the objective was met",
    "plan_col_gain": (
        "expected gain in our support index: leverage × (goal − attitude) × route strength "
        "× feasibility (how much of the move a realistic effort buys)"
    ),
    "plan_col_route": "the most reliable introduction route, hop by hop",
    "plan_col_Targets_why": "every term of the gain, in words",
    "plan_col_target": "person id of the target",
    "plan_col_step": "step number within the target's actions, in date order",
    "plan_col_kind": (
        "route (an introduction step), meeting (owner A after the introduction), key_dates "
        "(the sponsor's calendar of the target's key dates), sponsor (a visit, forum or "
        "exchange) or review"
    ),
    "plan_col_who": "who acts: one of our people",
    "plan_col_action": "what to do, in words",
    "plan_col_when": "the date it is planned for",
    "plan_col_Actions_why": "why this action is in the plan",
    "plan_col_org": "the target's organisation",
    "plan_col_trust_channel": "the channel of trust: direct tie or the first introduction",
    "plan_col_activities": "dated route steps and sponsor touchpoints, one per line",
    "plan_col_review": "who reviews the card and when (weekly, half-year adjustment)",
}
