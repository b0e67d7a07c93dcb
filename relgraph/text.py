"""Every sentence a user reads, as templates in one place (English first).

Analyses build their ``why`` texts, gap descriptions and headers with :func:`say`, so a
translation can be added later by swapping :data:`TEMPLATES` without touching them.
Each topic keeps its templates in its own section below.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TEMPLATES", "say"]

TEMPLATES: dict[str, str] = {
    # -- general ---------------------------------------------------------------
    "defaults_note": "uses relgraph's default settings (see docs/methodology.md)",
    # -- influence (chain, leverage, hidden influencers, simulate) --------------
    "index_why": (
        "{party}: index {index:+.2f} on {scale}; {supporters} of {holders} role holders "
        "on side, holding {share:.0%} of the decision power"
    ),
    "lev_why_outside": "outside the customer's opinion dynamics (our or competitor staff)",
    "lev_why_negligible": "no measurable pull on the decision chain",
    "lev_why_role": (
        "holds {roles}; {lev:.3f} of the index moves with this person per point of attitude"
    ),
    "lev_why_norole": (
        "no role, but {lev:.3f} of the index moves with this person per point of attitude"
    ),
    "hidden_why": "sways {target} {tie}; {lev:.3f} of the index moves with this person",
    "hidden_why_more": "{why} (and {more} more in the chain)",
    "hidden_why_withheld": (
        "sways the decision chain through a tie marked sensitive (details withheld); "
        "{lev:.3f} of the index moves with this person"
    ),
    "hidden_why_indirect": (
        "sways the decision chain indirectly, mainly through {through}; "
        "{lev:.3f} of the index moves with this person"
    ),
    "through": "through {who}",
    "withheld_note": " [{n} sensitive tie(s) withheld; pass include_sensitive=True to show]",
    "via_influences": "through a direct influence tie ({strength:.1f})",
    "via_boss": "as their boss",
    "via_report": "as a direct report",
    "via_family": "as family",
    "via_friend": "as a friend",
    "via_former_colleague": "as a former colleague",
    "via_alumni": "as a fellow alumnus",
    "via_club": "through a shared club",
    "via_neighbour": "as a neighbour",
    "via_faith": "through a shared faith community",
    "via_works_with": "as a working partner",
    "via_supplier": "as a supplier",
    "via_customer_of": "as a customer",
    "via_other": "through a personal tie",
    "path_why": (
        "{hops}-hop chain of sway from {source} to {target}; strength {strength:.3f} "
        "(product of the hops' influence weights)"
    ),
    "chain_flow": "{stage}: {people}",
    "sim_changed": "attitude set to {value:+d}",
    "sim_left": "leaves the company",
    "sim_new_tie": "new {kind} tie with {other}",
    # -- routes ------------------------------------------------------------------
    "routes_header": "{n} route(s) from {origin} to {target} (at most {max_hops} hops):",
    "routes_why": (
        "{hops} hop(s), strength {strength:.2f} = {formula} (product of the ties' strengths); "
        "weakest link {weakest} {weakest_strength:.2f} ({a} → {b})"
    ),
    "routes_why_affiliation": (
        "uses a shared affiliation that is not yet a tie: an opportunity, offered because "
        "no route of real ties is stronger"
    ),
    "routes_why_disjoint": "independent of the better routes (no person in common)",
    "routes_why_alternative": (
        "best node-disjoint alternative (none of the top {k} is independent of the first)"
    ),
    "routes_why_sensitive": (
        "uses a sensitive tie or a do-not-contact person (included because you opted in); "
        "do not share"
    ),
    "routes_affiliation_hop": "shared {kind} {name}, not yet a tie,",
    "routes_none_short": "no route",
    "routes_none": "no chain of ties of at most {max_hops} hops from {start} reaches {who}",
    "routes_none_ours": "{who} is on our team (or is the starting person); no introduction needed",
    "routes_none_dnc": (
        "{who} is marked do-not-contact; pass include_do_not_contact=True to route anyway"
    ),
    "routes_excluded": (
        "{n} route(s) left out because they use a sensitive tie or a do-not-contact person "
        "(opt in with include_sensitive=True / include_do_not_contact=True)"
    ),
    "routes_spof": "single point of failure: every route passes through {who}",
    "routes_bulk_two": "best route {best:.2f}; independent alternative {alt:.2f}",
    "routes_bulk_no_alt": (
        "no independent second route within {max_hops} hops: every route shares a person "
        "with the best one"
    ),
    "routes_cli_to_and_opp": (
        "name the people with --to or an opportunity with --opportunity, not both "
        "(--opportunity already targets every role holder; narrow it with --role)"
    ),
    "routes_cli_need_target": (
        "name whom to reach: --to PERSON (repeat for several) or --opportunity OPP [--role ROLE]"
    ),
    "routes_cli_role_needs_opp": "--role filters the role holders of --opportunity; add it",
    "routes_cli_no_holders": "no one holds role {role!r} in {opp}; roles there: {present}",
    "routes_cli_no_roles": "{opp} has no role holders to reach",
    "routes_cli_from_bulk": (
        "--from works with one --to person; routes to several people start at our whole team"
    ),
    "routes_cli_k_bulk": (
        "-k works with one --to person; for several people each row shows the best route "
        "and one independent alternative"
    ),
    "routes_cli_bulk_header": (
        "Best route and an independent alternative from our team to {n} {what} "
        "(at most {max_hops} hops):"
    ),
    "routes_cli_excluded": (
        "{n} route(s) left out because they use a sensitive tie or a do-not-contact person "
        "(opt in with --include-sensitive / --include-do-not-contact)"
    ),
    "routes_cli_none_excluded": "no routes were left out by the sensitive / do-not-contact rules",
    "routes_cli_csv": "wrote {n} row(s), every column, to {path}",
    "linkedin_matched": "matched by {how}",
    "linkedin_new": "no existing person matched; added as a new person at {org}",
    "linkedin_reported": "no existing person matched; reported only (add_unmatched=False)",
    "linkedin_already": "already has a {kind} tie with {owner}; nothing added",
    "linkedin_tie": "LinkedIn connection of {owner}",
    "linkedin_owner": "this row is the owner themself; nothing added",
    # -- coverage and targets ----------------------------------------------------
    "tgt_obj_neutralise": "neutralise an opponent",
    "tgt_obj_convert": "convert a neutral",
    "tgt_obj_mobilise": "mobilise a supporter",
    "tgt_obj_counter": "counter {competitor} at level {level}",
    "tgt_reach_covered": "already covered by {owners}",
    "tgt_reach_via": "through {who}, picked earlier (tie {strength:.2f})",
    "tgt_reach_none": "no route",
    "tgt_existing": "; already covered by {owners}",
    "tgt_no_b": "nobody free",
    "tgt_why": (
        "{objective}: gain {gain:.4f} = leverage {leverage:.4f} × move {move:+d} "
        "({frm:+d} → {to:+d}) × reach {reach:.2f} ({how}); owner A {a}, owner B {b}; "
        "sponsor {sponsor}"
    ),
    "cov_title": "Coverage of {opportunity} as of {as_of}",
    "cov_gaps": "Gaps (most severe first)",
    "cov_summary": "Parties: support index, decision power, many / deep / long",
    "cov_matrix": "Level by level: our people (rows) tied to theirs (columns)",
    "cov_people": "Key people",
    "cov_via_people": " through {people}",
    "cov_parity_ours_below": (
        "our highest supporter, {ours} (level {level}), reports to {theirs}{via}"
    ),
    "cov_parity_ours_lower": "our highest supporter, {ours}, is only at level {level}",
    "cov_parity_ours_none": "we have no supporter in the account at all",
    "cov_level_board": "board level",
    "cov_level_n": "level {level}",
    "cov_parity_no_candidate": (
        "nobody found who could constrain them: the business target may have to change"
    ),
    "cov_gap_level_parity": (
        "{competitor} is backed by {theirs} (level {level}); {ours}: we need support at "
        "{need} or from someone who sways {short}. Candidates: {candidates}."
    ),
    "cov_parity_more": " and {n} more at a higher level",
    "cov_route_hop": " —{kind} {strength:.2f}→ {who}",
    "cov_issue_item": "{issue} (open since {opened}, {days} days, owner {owner})",
    "cov_issue_noref": "a complaint without reference",
    "cov_gap_open_issue": (
        "{who} ({roles}) has {n} customer issue(s) open for longer than {limit} days: "
        "{items}; close it before asking for support"
    ),
    "cov_cand_level": "{who} (level {level})",
    "cov_cand_boss": "{who} (their boss)",
    "cov_cand_sways": "{who} (sways them, {kind} {weight:.1f})",
    "cov_no_role": "no role",
    "cov_gap_uncovered": "{who} ({roles}) has no owner on our team{extra}",
    "cov_gap_single_threaded": (
        "{who} ({roles}) is covered only by {owner}{extra}: add a backup owner (A/B rule)"
    ),
    "cov_channels_listed": " ({people})",
    "cov_gap_few_channels": (
        "{who} ({roles}) has {n} independent information channel(s){listed}: we need two "
        "to cross-check facts"
    ),
    "cov_gap_level_mismatch": (
        "{who} (level {level}) is covered only by people below their level ({owners}): "
        "executives should meet executives"
    ),
    "cov_gap_unmanaged_opponent": (
        "{who} is against us ({stance}) and ranks #{rank} by leverage ({leverage:.3f}; top "
        "{n} counts as high), but nobody on our team covers them"
    ),
    "cov_backs_text": "; backs {competitor}",
    "cov_attitude_text": "attitude {attitude:+d}",
    "cov_backs_short": "backs {competitor}",
    "cov_not_assessed": "attitude not assessed",
    "cov_gap_no_decider_support": "None of the decision makers supports us: {people}",
    "cov_gap_key_players_against": (
        "{deciders} support(s) us, but the key players holding {share:.0%} of the remaining "
        "decision power do not"
    ),
    "cov_gap_no_supporter_in_role": (
        "{competitor} has a supporter as {role} ({theirs}); none of our supporters holds that role"
    ),
    "cov_gap_no_competitor_supporter": (
        "No supporter of {competitor} identified: the map is probably incomplete"
    ),
    "cov_gap_no_competitor_at_all": (
        "No competitor supporter identified at all: the map is probably incomplete"
    ),
    "cov_gap_stale_contact": (
        "{who} is covered by {owners} on paper, but {detail} (limit {limit} days): "
        "plan a meeting to keep the relationship warm"
    ),
    "cov_contact_never": "no contact with them is logged",
    "cov_contact_last": "the last logged contact was on {date}, {days} days ago",
    "cov_gap_stale": (
        "{who}: attitude last assessed on {date}, {days} days before {as_of} (limit {limit})"
    ),
    "cov_gap_lean": ", leaning to {competitor}",
    "cov_gap_faction": (
        "Faction {faction} ({size} people, {share:.0%} of the decision power: {holders}) "
        "has no supporter of ours{lean}"
    ),
    "cov_listed_role": "role holder",
    "cov_listed_hidden": "hidden influencer",
    "cov_listed_backer": "competitor supporter",
    "cov_listed_candidate": "level-parity candidate",
    "cov_person_listed": "listed as {why}",
    "cov_person_roles": "{roles} (power {power:.1f})",
    "cov_person_no_owner": "no owner",
    "cov_person_owners": "{n} owner(s): {owners}",
    "cov_person_channels": "{n} independent information channel(s)",
    "cov_person_leverage": "leverage {leverage:.3f}",
    "cov_person_route": "best route {strength:.2f}: {route}",
    "cov_person_stale": "attitude stale (assessed {date})",
    "cov_person_dnc": "do not contact",
    "cov_party_us": "us",
    "cov_nobody": "nobody",
    "cov_summary_why": (
        "{name}: index {index:+.2f}; {n} supporter(s) holding {share:.0%} of the decision "
        "power; highest {top} (level {level}); many {many:.0%} of the account tied, deep "
        "{deep:.2f} mean strength, long {long} years median"
    ),
    "cov_note_no_routes": (
        "route columns left blank: relgraph.analysis.routes.routes_to_many is not available"
    ),
    "cov_note_no_factions": (
        "factions skipped ({n} people in the account); pass with_factions=True to find them"
    ),
    "cov_note_empty_interactions": "last_contact left blank: no interactions recorded",
    "cov_note_no_interactions": (
        "last_contact left blank: no interactions module (relgraph.analysis.interactions)"
    ),
    "fac_leans": "leans to {competitor} (total backing {backing:g})",
    "fac_no_lean": "backs no competitor",
    "fac_why": (
        "{size} people tied together; mean attitude {mean}; {lean}; {supporters} "
        "supporter(s) of ours"
    ),
    "spo_why": (
        "level {level} vs {their_level} (parity {parity:.2f}); business overlap "
        "{business:.2f}; history {history:.2f} {tie}; load {load} of {max_load} "
        "(capacity {capacity:.2f}); score {score:.3f}"
    ),
    "spo_tie": "(existing {kind} tie)",
    "spo_no_tie": "(no direct tie)",
    # -- interactions ------------------------------------------------------------
    "int_strength_why": (
        "{n} touchpoint(s) from {first} to {last} ({kinds}); decayed volume {volume:.2f} "
        "(half-life {half_life:g} days); {initiative}, reciprocity {reciprocity:.2f}: "
        "strength {strength:.2f}"
    ),
    "int_initiative": "{ours} initiated by us, {theirs} by them, {mutual} both/unrecorded",
    "int_no_tie": "; no tie recorded between them",
    "int_tie_explicit": ("explicit strength {strength:.2f} wins; the log alone gives {derived}"),
    "int_tie_derived": "no strength given; derived from the interactions log: {derived:.2f}",
    "int_tie_default": "no strength given and no logged contact: default for {kind} {strength:.2f}",
    "int_tie_not_eligible": "default for {kind} {strength:.2f} (not derived from the log)",
    "int_last_never": "no touchpoint logged up to {as_of}",
    "int_last_why": (
        "last contact {date} ({days} days before {as_of}, limit {limit}) by {by}, {kind}; "
        "{n} touchpoint(s) with {owners} of our people since {first}"
    ),
    "int_issue_open": (
        "{kind} from {people} on {opened}, still open after {age} days (limit {limit}); "
        "owner {owner}"
    ),
    "int_issue_closed": (
        "{kind} from {people} on {opened}, closed on {closed} after {age} days; owner {owner}"
    ),
    "int_issue_orphan": (
        "issue_closed on {closed} by {owner} for {people} matches no earlier complaint"
    ),
    "int_issue_key": "; affects role holder(s) {holders}",
    "int_plot_title": "Touchpoints over time, by customer level",
    "int_plot_left_out": "{n} sensitive touchpoint(s) left out",
    "int_cli_strength": "Relationship strength per pair (our person × their person), as of {as_of}",
    "int_cli_last": "Last contact per customer person (stale first)",
    "int_cli_issues": "Customer issues",
    "int_cli_plot": "Touchpoints over time drawn to {path}",
    "int_cli_empty": (
        "No interactions table in {path}; add interactions.csv (see docs/data-format.md)"
    ),
    "int_demo_ceo": "The CEO's tie: {line}",
    "int_demo_counts": (
        "{pairs} pair(s) with logged contact; {stale} of {people} customer people stale or "
        "never contacted; {open} open issue(s), {overdue} overdue"
    ),
    # -- maps and plots ----------------------------------------------------------
    "viz_no_cjk_font": (
        "no Chinese/Japanese/Korean font found for matplotlib, so plots show English names "
        "where the data gives them; install one (Debian/Ubuntu: apt-get install "
        "fonts-noto-cjk; Fedora: dnf install google-noto-sans-cjk-fonts; or any of "
        "Noto Sans CJK, WenQuanYi Zen Hei, Droid Sans Fallback) and delete matplotlib's "
        "font cache (~/.cache/matplotlib) so it is found"
    ),
    "viz_no_leverage": (
        "node size is uniform: leverage is not available (relgraph.analysis.influence is missing)"
    ),
    "viz_focus": "Showing {who} and everyone within {radius} tie(s): {n} people.",
    "viz_left_out": (
        "Showing the {shown} most relevant of {total} people (limit {limit}): role holders, "
        "the focus and the top hidden influencers first, then by leverage and number of ties. "
        "{left} people ({parts}) and {ties} ties are left out; use focus=... to see any part "
        "in full."
    ),
    "viz_sensitive_hidden": (
        "{n} sensitive tie(s) hidden (family, faith, neighbour or marked sensitive); "
        "pass include_sensitive=True to show them."
    ),
    "viz_sensitive_people": (
        "{n} person(s) known only through sensitive ties left out (e.g. a relative or a "
        "neighbour); pass include_sensitive=True to show them."
    ),
    "viz_sensitive_included": (
        "Sensitive personal ties are INCLUDED (include_sensitive=True); do not share."
    ),
    "viz_focus_sensitive": (
        "{who} is known only through sensitive ties and is left out of shared maps; "
        "pass include_sensitive=True to focus on them."
    ),
    "viz_title": "{account}: {opportunity}",
    "viz_title_plain": "Relationship map",
    "viz_tie_tip": "{a} {arrow} {b}: {kind}, strength {strength}",
    "viz_tie_hidden": "hidden influence (not part of the formal chain)",
    "viz_tip_level": "Level {level}",
    "viz_tip_role": "Role: {roles}",
    "viz_tip_attitude": "Attitude toward us: {value} ({word})",
    "viz_tip_backs": "Backs {org} (strength {support} of 3)",
    "viz_tip_owners": "Our owners: {owners}",
    "viz_tip_leverage": "Leverage: {leverage} of the decision support index per point",
    "viz_tip_why": "Why: {why}",
    "viz_attitude_-3": "strongly opposed",
    "viz_attitude_-2": "opposed",
    "viz_attitude_-1": "cool",
    "viz_attitude_0": "neutral",
    "viz_attitude_1": "favourable",
    "viz_attitude_2": "supporter",
    "viz_attitude_3": "champion",
    "viz_attitude_unknown": "not assessed",
    "viz_role_decider": "decider",
    "viz_role_approver": "approver",
    "viz_role_buyer": "buyer",
    "viz_role_influencer": "influencer",
    "viz_role_user": "user",
    "viz_role_initiator": "initiator",
    "viz_role_gatekeeper": "gatekeeper",
    "viz_role_other": "other role",
    "viz_role_none": "no role in this opportunity",
    "viz_party_us": "our team",
    "viz_party_customer": "customer",
    "viz_party_partner": "partner",
    "viz_party_other": "other",
    "viz_party_competitor": "competitor staff",
    "viz_tie_reports_to": "reports to (arrow to the manager)",
    "viz_tie_influences": "influences",
    "viz_tie_covers": "we cover (our owner → customer)",
    "viz_tie_informs": "information channel",
    "viz_tie_personal": "personal tie",
    "viz_tie_hidden_legend": "dashed: hidden influence",
    "viz_legend": "Legend",
    "viz_legend_attitude": "Colour: attitude toward us",
    "viz_legend_role": "Shape: buying role",
    "viz_legend_ring": "Ring: backs a competitor",
    "viz_legend_ties": "Ties",
    "viz_legend_size": "Size: leverage on the decision",
    "viz_search": "Search by name",
    "viz_search_found": "{n} found",
    "viz_search_none": "no match",
    "viz_filters": "Filters",
    "viz_filter_role": "Role",
    "viz_filter_party": "Party",
    "viz_filter_kind": "Tie kind",
    # -- planning (plan, monitor, tiering) ------------------------------------
    "mon_before": "the earlier snapshot",
    "mon_now": "the later snapshot",
    "mon_between": "between {old} and {new}",
    "mon_position_text": "{title} (level {level})",
    "mon_stance_support": "supporter",
    "mon_stance_neutral": "neutral",
    "mon_stance_oppose": "opponent",
    "mon_stance_blank": "not assessed",
    "mon_joined": "{who} joined as {position}",
    "mon_left": "{who}, {position}, left",
    "mon_moved": "{who} moved from {before} to {after}",
    "mon_no_role": "no role",
    "mon_role": "{who} in {opp}: {before} → {after}",
    "mon_attitude": "{who}: attitude {before} → {after} ({shift}), assessed {date}",
    "mon_new_supporter": "{who} now backs {competitor} (strength {strength})",
    "mon_lost_supporter": "{who} no longer backs {competitor}",
    "mon_support_strength": "{who}: backing {before} → {after}",
    "mon_gap_opened": "gap opened in {opp}: {why}",
    "mon_gap_closed": "gap closed in {opp}: {why}",
    "mon_index": "{party}: support index in {opp} {before} → {after}",
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
    "tier_S": "strategic",
    "tier_A": "partner",
    "tier_B": "value",
    "tier_C": "general",
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
    "plan_why_route": "most reliable route from owner A (product of tie strengths)",
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
    "plan_about_left_out": "left out for privacy: {note}",
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
        "expected gain in our support index: leverage × (goal − attitude) × route strength"
    ),
    "plan_col_route": "the most reliable introduction route, hop by hop",
    "plan_col_Targets_why": "every term of the gain, in words",
    "plan_col_target": "person id of the target",
    "plan_col_step": "step number within the target's actions, in date order",
    "plan_col_kind": "route (introduction step), sponsor (touchpoint) or review",
    "plan_col_who": "who acts: one of our people",
    "plan_col_action": "what to do, in words",
    "plan_col_when": "the date it is planned for",
    "plan_col_Actions_why": "why this action is in the plan",
    "plan_col_org": "the target's organisation",
    "plan_col_trust_channel": "the channel of trust: direct tie or the first introduction",
    "plan_col_activities": "dated route steps and sponsor touchpoints, one per line",
    "plan_col_review": "who reviews the card and when (weekly, half-year adjustment)",
    # -- imports (CLI: relgraph import linkedin / salesforce-activity) ----------------
    "imp_linkedin_done": (
        "{rows} LinkedIn connection(s) of {owner}: {tied} tie(s) added to existing people, "
        "{new} new people, {other} not added (see the report)."
    ),
    "imp_written": "Wrote {net} → {out}",
    "imp_report_head": "Import report ({n} row(s)):",
    "imp_activity_done": (
        "{imported} touchpoint(s) imported from {files}; {skipped} row(s) not imported, "
        "{other} kind(s) set to 'other'; the log now has {total} touchpoint(s)."
    ),
    "imp_activity_dup": "already in the interactions log (same salesforce_id); not added again",
    "imp_activity_dup_action": "row not imported",
    "imp_nothing_unmapped": "Every row mapped one-to-one.",
    # -- spark -------------------------------------------------------------------
    "spark_our_team": "our team",
    "spark_missing_table": (
        "required file {table}.csv is missing; create it with the header {header}"
    ),
    "spark_duplicate_column": (
        "the column(s) {columns} appear more than once in the header (names are compared "
        "ignoring case and spaces); rename or remove the extra column"
    ),
    "spark_range_both": " from {lo} to {hi}",
    "spark_range_lo": " of at least {lo}",
    "spark_range_hi": " of at most {hi}",
    "spark_hint_blank": "{column} is required and cannot be blank",
    "spark_hint_blank_row": "the row is entirely blank; delete it or fill it in",
    "spark_hint_term": "unknown {column}; valid: {choices}",
    "spark_hint_number": "expected a number{range}",
    "spark_hint_int": "expected a whole number{range}",
    "spark_hint_range": "{column} must be a number{range}",
    "spark_hint_bool": "expected true/false (or yes/no, 1/0); leave blank for the default",
    "spark_hint_date": "not a date; write it as YYYY-MM-DD (e.g. 2026-03-31)",
    "spark_hint_future": ("date is after today ({today}); check the year and the day/month order"),
    "spark_hint_duplicate_id": (
        "this {column} is already used in an earlier row; ids must be unique"
    ),
    "spark_hint_missing_column": "required column {column!r} is missing; the header needs {header}",
    "spark_hint_empty_table": "the {table} table has a header but no rows; add at least one row",
    "spark_hint_reference": "names an id that is not in the {table} table ({column})",
    "spark_hint_duplicate_row": (
        "the same ({columns}) appears twice; remove or merge the repeated row"
    ),
    "spark_hint_supports": "supports must name an org of kind competitor",
    "spark_hint_support": (
        "support is given but supports (which competitor) is blank; fill in supports or "
        "clear support"
    ),
    "spark_hint_account": "account must name an org of kind customer",
    "spark_hint_competitors": "competitors must name orgs of kind competitor",
    "spark_hint_covers": (
        "a covers tie must start at one of our people (an org of kind us); use another kind "
        "for a competitor's or partner's contact"
    ),
    "spark_hint_our_person": "our_person must be at an org of kind us",
    "spark_hint_their_people": (
        "their_people must be customer (or other outside) people, not our own; internal "
        "meetings do not belong in the interactions log"
    ),
    "spark_hint_self_tie": "a tie must join two different people",
    "spark_hint_both_ways": (
        "this personal tie is given in both directions with the same kind; personal ties "
        "are undirected, so keep one of the two rows"
    ),
    "spark_hint_two_managers": (
        "reports to more than one manager; keep one reports_to tie and record the other as "
        "'influences' or 'works_with'"
    ),
    "spark_hint_cycle": (
        "reports_to forms a cycle through this row; someone at the top must report to nobody"
    ),
    "spark_more_rows": "… and %d more rows with the same problem",
}


def say(key: str, **values: Any) -> str:
    """Fill the template ``key`` with ``values``.

    Examples
    --------
    >>> TEMPLATES["_example"] = "sways {who} as {tie}"
    >>> say("_example", who="the CEO", tie="former boss")
    'sways the CEO as former boss'
    """
    try:
        template = TEMPLATES[key]
    except KeyError:
        raise KeyError(f"no text template {key!r}") from None
    return template.format(**values)
