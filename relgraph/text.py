"""Every sentence and display word a user reads, in one place (English is the source).

Analyses build their ``why`` texts, gap descriptions and headers with :func:`say`, and show
vocabulary values (roles, attitudes, tie kinds, gap rules …) with :func:`term`. Both take
``lang``: ``"en"`` renders :data:`TEMPLATES` / :data:`TERMS` as written here, ``"zh"`` the
Chinese of the shipped gettext catalogue (:mod:`relgraph.locale`). Each topic keeps its
templates in its own section below; after adding or changing one, run ``make catalog`` and
translate the new entries of ``relgraph/locale/zh/LC_MESSAGES/relgraph.po``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from relgraph.locale import check_language, translate

__all__ = [
    "TEMPLATES",
    "TERMS",
    "Message",
    "message",
    "plan_header",
    "say",
    "term",
    "term_list",
    "terms",
]

TEMPLATES: dict[str, str] = {
    # -- general ---------------------------------------------------------------
    "privacy_included": (
        "Sensitive personal ties are INCLUDED (include_sensitive=True); do not share."
    ),
    "privacy_none": "No sensitive personal data in this network.",
    "privacy_ties": "{n} sensitive ties",
    "privacy_ties_one": "{n} sensitive tie",
    "privacy_people": "{n} people known only through them",
    "privacy_people_one": "{n} person known only through them",
    "privacy_affiliations": "{n} sensitive affiliations",
    "privacy_affiliations_one": "{n} sensitive affiliation",
    "privacy_hidden": (
        "{parts} hidden (family, faith, neighbourhood or marked sensitive); "
        "pass include_sensitive=True to include them."
    ),
    "withheld_people": (
        "{n} person(s) known only through sensitive ties (family, faith, neighbourhood) "
        "withheld; pass include_sensitive=True to name them"
    ),
    "defaults_note": "uses relgraph's default settings (see docs/methodology.md)",
    "not_available": "n/a",
    "party_us": "us",
    # -- notebook views of results (_repr_html_) --------------------------------
    "repr_more_rows": "… and {n} more row(s)",
    "repr_item": "{item}: {value}",
    "repr_count": "{what} {n}",
    "repr_caption_people": "People",
    "repr_caption_edges": "Reporting lines and hidden sway",
    "repr_chain_title": (
        "Decision chain of {opportunity}: {holders} role holder(s), {hidden} hidden influencer(s)"
    ),
    "repr_chain_flow": "Stages: {flow}",
    "repr_chain_withheld": (
        "{n} hidden sway edge(s) carried only by sensitive ties were left out "
        "(pass include_sensitive=True to show them)"
    ),
    "repr_net_title": (
        "Relationship network: {people} people, {orgs} orgs, {ties} ties, "
        "{opportunities} opportunities"
    ),
    "repr_net_source": "Source: {source}",
    "repr_net_parties": "People by org kind: {counts}",
    "repr_net_as_of": "Dates measured against: {as_of}",
    "repr_net_today": "today",
    "repr_net_language": "Language: {language}",
    "repr_net_settings": "Settings changed from the defaults: {changes}",
    "repr_net_defaults": "Settings: relgraph's defaults (see docs/methodology.md)",
    "repr_net_privacy": (
        "Privacy: {ties} sensitive tie(s) and {affiliations} sensitive affiliation(s); "
        "default outputs leave them out, and the people known only through them "
        "(pass include_sensitive=True to include them)"
    ),
    "repr_net_privacy_none": "Privacy: no sensitive personal data",
    "repr_caption_opportunities": "Opportunities",
    "repr_sim_title": "What-if simulation: the predicted attitude of {n} people moves",
    "repr_sim_index": "{party}: support index {before:+.2f} → {after:+.2f} ({delta:+.2f})",
    "repr_caption_index": "Support index by party",
    "repr_caption_moves": "People whose predicted attitude moves most",
    "repr_cov_gaps": "{n} gap(s): {counts}",
    "repr_caption_factions": "Factions",
    "repr_caption_changes": "Changes",
    "repr_caption_diff_index": "Support index in both snapshots",
    "repr_plan_facts": "{targets} target(s), {actions} action(s), {people} key people",
    "repr_caption_added": "Rows added to {what}",
    "repr_caption_report": "Rows not imported or not mapped one-to-one",
    # -- influence (chain, leverage, hidden influencers, simulate) --------------
    "index_why": (
        "{party}: index {index:+.2f} on {scale}; {supporters} of {holders} role holders "
        "on side, holding {share:.0%} of the decision power"
    ),
    "index_why_no_power": (
        "{party}: no index: no role holder of this opportunity has any decision power "
        "(add roles, or give them a power above 0)"
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
    "hidden_why_dnc": "DO NOT CONTACT: {why}",
    "hidden_withheld_name": "(withheld: known only through sensitive ties)",
    "hidden_why_withheld_person": (
        "a person known only through sensitive ties (family, faith, neighbourhood) sways "
        "the decision chain; {lev:.3f} of the index moves with them; pass "
        "include_sensitive=True to name them"
    ),
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
    "path_header": "{n} chain(s) of sway from {source} to {target}:",
    "path_none": "no chain of sway of at most {max_hops} hops",
    "path_withheld": (
        "{n} hop(s) carried only by sensitive ties were left out "
        "(pass include_sensitive=True to use them)"
    ),
    "path_why": (
        "{hops}-hop chain of sway from {source} to {target}; strength {strength:.3f} "
        "(product of the hops' influence weights)"
    ),
    "chain_flow": "{stage}: {people}",
    "chain_why_holder": "{roles}, power {power:.2f}{stage}; {attitude}{backs}",
    "chain_why_stage": " at the {stage} stage",
    "chain_why_attitude": "attitude {value:+d} ({word})",
    "chain_why_backs": "; backs {competitor}",
    "chain_why_hidden": "no role; sways {sways}",
    "chain_why_sways": "{who} {ties}: {share:.0%} of their attention",
    "chain_edge_formal": "{source} reports to {target}",
    "chain_edge_hidden": "{source} sways {target} {ties}: {share:.0%} of their attention",
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
        "uses a shared affiliation that is not yet a tie: an opening to meet there, not an "
        "introduction"
    ),
    "routes_why_rather": ("chosen over a stronger route ({strength:.2f}) that runs {reason}"),
    "routes_why_opening_rank": (
        "the opening ranks first: every route of real ties is weaker or was left out"
    ),
    "routes_why_real_rank": "a route of real ties ranks above the affiliation opening",
    "routes_why_unassessed": (
        "the attitude toward us of {who} was never assessed: check it before asking for an "
        "introduction"
    ),
    "routes_reason_person": "through {who}, who {why}",
    "routes_reason_swayed": (
        "through {who}, whom {target} sways (we would ask them to introduce us to their own "
        "influencer)"
    ),
    "routes_reason_dnc": "through {who}, who is marked do-not-contact",
    "routes_reason_sensitive": "over a sensitive tie ({kind}) between {a} and {b}",
    "routes_stance_staff": "works for the competitor {competitor}",
    "routes_stance_backs": "backs the competitor {competitor}",
    "routes_stance_opposes": "opposes us ({attitude})",
    "routes_left_out_opponents": (
        "{n} route(s) left out because they pass through someone who opposes us or backs a "
        "competitor (asking them would warn the other side; include_opponents=True to allow)"
    ),
    "routes_left_out_swayed": (
        "{n} route(s) left out because they ask someone the target sways to introduce us to "
        "their own influencer"
    ),
    "routes_left_out_swayed_cli": (
        "{n} route(s) left out because they ask someone the target sways to introduce us to "
        "their own influencer"
    ),
    "routes_left_out_do_not_contact": (
        "{n} route(s) left out because they pass through a do-not-contact person "
        "(include_do_not_contact=True to allow)"
    ),
    "routes_left_out_sensitive": (
        "{n} route(s) left out because they use a sensitive tie (include_sensitive=True to allow)"
    ),
    "routes_left_out_opponents_cli": (
        "{n} route(s) left out because they pass through someone who opposes us or backs a "
        "competitor (--include-opponents to allow)"
    ),
    "routes_left_out_do_not_contact_cli": (
        "{n} route(s) left out because they pass through a do-not-contact person "
        "(--include-do-not-contact to allow)"
    ),
    "routes_left_out_sensitive_cli": (
        "{n} route(s) left out because they use a sensitive tie (--include-sensitive to allow)"
    ),
    "routes_left_out_several": ("{n} of them break more than one of these rules"),
    "routes_why_disjoint": "independent of the better routes (no person in common)",
    "routes_why_alternative": (
        "best node-disjoint alternative (none of the top {k} is independent of the first)"
    ),
    "routes_why_sensitive_tie": (
        "uses a sensitive tie (included because you opted in with include_sensitive); do not share"
    ),
    "routes_why_dnc": (
        "{who} marked do-not-contact: on this route only because you opted in with "
        "include_do_not_contact; clear it with the account owner first"
    ),
    "routes_dnc_mark": "DO NOT CONTACT",
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
        "--top/-k works with one --to person; for several people each row shows the best route "
        "and one independent alternative"
    ),
    "routes_cli_bulk_header": (
        "Best route and an independent alternative from our team to {n} {what} "
        "(at most {max_hops} hops):"
    ),
    "routes_cli_excluded": (
        "{n} route(s) left out because they use a sensitive tie, a do-not-contact person or "
        "someone who opposes us or backs a competitor (opt in with --include-sensitive / "
        "--include-do-not-contact / --include-opponents)"
    ),
    "routes_cli_none_excluded": "no routes were left out by the route rules",
    "routes_cli_csv": "wrote {n} row(s), every column, to {path}",
    "linkedin_matched": "matched by {how}",
    "linkedin_new": "no existing person matched; added as a new person at {org}",
    "linkedin_reported": "no existing person matched; reported only (add_unmatched=False)",
    "linkedin_already": "already has a {kind} tie with {owner}; nothing added",
    "linkedin_tie": "LinkedIn connection of {owner}",
    "linkedin_owner": "this row is the owner themself; nothing added",
    "linkedin_duplicate": "an earlier row already added this person",
    "linkedin_ambiguous": (
        "matches several people ({people}); add a {column} or email column to tell them apart"
    ),
    "linkedin_org_name": "LinkedIn connections (company not in the data)",
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
    "tgt_why_terms": (
        "{objective}: gain {gain:.4f} = leverage {leverage:.4f} × move {move:+d} "
        "({frm:+d} → {to:+d}) × reach {reach:.2f} ({how}) × feasibility {feasibility:.2f} "
        "({factors})"
    ),
    "tgt_why_people": "owner A {a}, owner B {b}, sponsor {sponsor}",
    "tgt_why_above": "ranked above {who} (gain {gain:.4f})",
    "tgt_obj_also_sways": (
        "{objective} (a decision maker), aiming for an advocate: {who} listens to them "
        "(entrenched on the other side, rarely turned head-on)"
    ),
    "tgt_obj_work_through": (
        "work through: make an advocate of someone {who} listens to (entrenched on the other "
        "side, rarely turned head-on)"
    ),
    "tgt_reach_via_route": "through {who}, a target picked earlier: {route}",
    "tgt_f_backing": "backing {f:.2f} (backs {competitor} at {b})",
    "tgt_f_distance": "distance {f:.2f} ({points} points to move)",
    "tgt_f_susceptibility": "susceptibility {f:.2f} (rarely moves)",
    "tgt_f_upkeep": "upkeep {f:.2f} (a strong supporter with {n} owner(s) already)",
    "tgt_f_none": "nothing makes the move harder",
    "tgt_no_sponsor": "none (nobody of ours is senior to owner A and owner B)",
    "tgt_new_way_in": (
        "needs a new way in: no route reaches this role holder without going through the "
        "other side or a do-not-contact person; with a route the gain would be {gain:.4f}, "
        "so create access (an event, a new tie through someone on our side)"
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
    "cov_cand_boss_up": "{who} (higher in their reporting line, above {boss})",
    "cov_cand_sways": "{who} (sways them, {kind} {weight:.1f})",
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
    "cov_gap_unowned_influencer": (
        "{who} sways the decision chain without a formal role ({stance}) and ranks #{rank} "
        "by leverage ({leverage:.3f}; top {n} counts as high), but nobody on our team owns "
        "the relationship: the hidden chain goes unworked"
    ),
    "cov_note_withheld_people": (
        "{n} hidden influencer(s) known only through sensitive ties withheld (pass "
        "include_sensitive=True to name them)"
    ),
    "cov_note_parity_holds": (
        "level parity against {competitor} holds: their top supporter {theirs} (level "
        "{level}) is matched by our supporter {ours}"
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
    "cov_nobody": "nobody",
    "cov_summary_why": (
        "{name}: index {index:+.2f}; {n} supporter(s) holding {share:.0%} of the decision "
        "power; highest {top} (level {level}); many {many:.0%} of the account tied, deep "
        "{deep} mean strength, long {long} years median"
    ),
    "cov_summary_why_no_index": (
        "{name}: no index (no role holder has any decision power); {n} supporter(s); "
        "highest {top} (level {level}); many {many:.0%} of the account tied, deep {deep} "
        "mean strength, long {long} years median"
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
    "int_derived_nothing": "nothing",
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
    "viz_focus_sensitive": (
        "{who} is known only through sensitive ties and is left out of shared maps; "
        "pass include_sensitive=True to focus on them."
    ),
    "viz_title": "{account}: {opportunity}",
    "viz_title_plain": "Relationship map",
    "viz_tie_tip": "{a} — {b}: {kind}, strength {strength}",
    "viz_tie_tip_directed": "{a} → {b}: {kind}, strength {strength}",
    "viz_tie_tip_reports_to": (
        "{b} → {a}: {a} reports to {b} (the manager sways the report), strength {strength}"
    ),
    "viz_tie_hidden": "hidden influence (not part of the formal chain)",
    "viz_tip_level": "Level {level}",
    "viz_tip_role": "Role: {roles}",
    "viz_tip_attitude": "Attitude toward us: {value} ({word})",
    "viz_tip_backs": "Backs {org} (strength {support} of 3)",
    "viz_tip_owners": "Our owners: {owners}",
    "viz_tip_leverage": "Leverage: {leverage} of the decision support index per point",
    "viz_tip_why": "Why: {why}",
    "viz_role_none": "no role in this opportunity",
    "viz_tie_reports_to": "reporting line (arrow: manager → report)",
    "viz_tie_influences": "influence (arrow: who sways → whom)",
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
    "viz_tip_no_owner": "No owner on our team",
    "viz_tip_dnc": "Do not contact",
    "viz_legend_marks": "Marks",
    "viz_legend_hidden": "dashed outline: hidden influencer",
    "viz_legend_dnc": "do not contact",
    "viz_legend_group": "group of people (click to open)",
    "viz_stage_none": "Stage not given",
    "viz_stage_outside": "Outside the chain",
    "viz_level_n": "level {level}",
    "viz_level_none": "no level given",
    "viz_group_faction": "Faction {n}",
    "viz_group_faction_lean": "Faction {n}, leans to {org}",
    "viz_group_no_department": "{org}, no department",
    "viz_group_by": "Group the others by",
    "viz_hint": (
        "Click a person to see their neighbourhood, a group to open it; double-click an "
        "opened person to close their group. Drag people: the page keeps where you put them."
    ),
    "plot_chain_title": (
        "Decision chain of {opp}: {roles} role holders, {hidden} hidden influencer(s)"
    ),
    "plot_no_roles": (
        "{opp} has no role holders yet: add rows for it to the roles table (who decides, "
        "approves, buys, influences, uses, initiates or keeps the gate)."
    ),
    "plot_hidden_influencer": "hidden influencer",
    "plot_no_role": "no role (hidden influencer)",
    "plot_hidden_tie": "hidden influence",
    "plot_backs": "backs {org}",
    "plot_cap": (
        "Showing the {shown} most powerful of {total} role holders; {left} left out (max_people)."
    ),
    "plot_cap_power": (
        "Showing the {shown} people with the most leverage of {total}; {left} left out "
        "(max_people)."
    ),
    "plot_power_title": "Power map of {opp}: {n} people, {roles} role holders",
    "plot_power_x": "attitude toward us (−3 … +3)",
    "plot_power_y": "leverage on the decision support index",
    "plot_zone_neutralise": (
        "NEUTRALISE opponents\nkeep contact so they stay neutral;\na competitor's entrenched "
        "backer\n(thick ring): work through the\npeople they listen to"
    ),
    "plot_zone_convert": "CONVERT\nneutrals into\nsupporters",
    "plot_zone_mobilise": "MOBILISE supporters\nlet them act for us",
    "plot_zone_low": "below the line: less leverage, lower priority",
    "plot_coverage_title": "Coverage of {opp}: role holders by where they stand",
    "plot_col_us": "{us} (supporters)",
    "plot_col_against": "against us, no competitor",
    "plot_covered": "covered {n}/{total}",
    "plot_dnc_key": "{mark} do not contact",
    "plot_route_title": "Route {a} → {b}: {hops} hop(s), strength {strength} = {product}",
    "plot_route_short": "route {path!r} has fewer than two people",
    "plot_route_through": " (through {who})",
    "plot_route_sensitive": (
        "this route uses sensitive ties{who}; pass include_sensitive=True to draw it"
    ),
    "plot_route_no_tie": "no tie between {a} and {b} (sensitive ties excluded: {excluded})",
    "viz_ui_people": "{n} people",
    "viz_ui_person": "1 person",
    "viz_ui_groups_header": "Everyone else, in groups",
    "viz_ui_open_hint": "(click to open)",
    "viz_ui_overview": "Overview",
    "viz_ui_png": "PNG",
    "viz_ui_svg": "SVG",
    "viz_ui_positions": "Positions",
    "viz_ui_reset": "Reset layout",
    "viz_ui_group_department": "department",
    "viz_ui_group_org": "organisation",
    "viz_ui_group_faction": "faction",
    "viz_ui_group_none": "nothing (show everyone)",
    "viz_situation_behind": (
        "{leader} leads with a support index of {lead}; ours is {ours}{others}."
    ),
    "viz_situation_others": " ({items})",
    "viz_situation_item": "{name} {index}",
    "viz_situation_ahead": "We lead with a support index of {ours} ({others}).",
    "viz_situation_alone": "No competitor named; our support index is {ours}.",
    "viz_situation_no_roles": (
        "No role holders recorded for this opportunity yet: add them to see who leads."
    ),
    "viz_top_gap": "Top gap: {text}",
    "viz_gap_level_parity": (
        "{competitor}'s supporter {who} outranks every supporter of ours; we need the board "
        "or someone who sways them."
    ),
    "viz_gap_no_decider_support": "none of the deciders supports us.",
    "viz_gap_uncovered_role": "{who} holds a role and has no owner on our team.",
    "viz_gap_unmanaged_opponent": "{who} is against us and nobody on our team covers them.",
    "viz_gap_single_threaded": "{who} is covered by one of our people only: add a backup.",
    "viz_old_browser": (
        "This browser cannot unpack the map (it lacks DecompressionStream); save the map "
        "with NetworkMap.save('map.html') and open the file."
    ),
    "viz_vis_moved": (
        "vis-network is not where relgraph expects it in the installed pyvis ({path}); "
        "install a tested pyvis: pip install 'pyvis{range}'"
    ),
    "viz_vis_changed": (
        "the installed pyvis ships a vis-network build relgraph has not been tested with "
        "({path}, sha256 {digest}); install a tested pyvis: pip install 'pyvis{range}'"
    ),
    "viz_positions_file": (
        "a positions file saved from a map (its 'Positions' button) or a mapping person id → (x, y)"
    ),
    "viz_positions_entry": "person id → (x, y) with two finite numbers",
    "viz_positions_unused": (
        "{n} saved position(s) are for people not on this map; they were not used."
    ),
    "viz_save_feature": "Saving a map as {kind}",
    "viz_no_chromium": (
        "{feature} needs a headless Chromium: run 'playwright install chromium', or install "
        "your system's chromium package (Debian/Ubuntu: apt-get install chromium), or pass "
        "browser='/path/to/chrome'; save as .html to open and export in any browser instead"
    ),
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
    "plan_about_left_out": "note: {note}",
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
    "imp_nothing_unmapped": "Every row mapped one-to-one.",
    "imp_act_no_contact": (
        "no contact (WhoId blank): an activity on an account only cannot be tied to a person"
    ),
    "imp_act_lead": (
        "WhoId {id} is a Lead, not a Contact; convert the lead or add the person by hand"
    ),
    "imp_act_no_owner": "no owner (OwnerId blank)",
    "imp_act_no_date": "no readable date (expected YYYY-MM-DD)",
    "imp_act_unknown": "contact {id} is not in the network",
    "imp_act_not_ours": "owner {id} is not one of our people",
    "imp_act_type_unknown": "activity type not recognised",
    "imp_act_no_type": "no Type, subtype or Call:/Email: subject prefix",
    # -- importers (relgraph.importers): report sentences and file problems -----------
    "imp_summary": "{source}: {added} added; {changed} value(s) changed, {skipped} row(s) skipped",
    "imp_nothing_added": "nothing",
    "imp_expected_name": "a name (text that is not blank)",
    "imp_expected_network": "a RelationshipNetwork (e.g. from relgraph.load) or None",
    "imp_not_a_file": "{path} does not exist or is not a file; export it again from {again}",
    "imp_empty_file": "the file is empty; export it again from {again}",
    "imp_bad_csv": (
        "not a readable CSV file ({error}); check the quotes in this row, or export the file "
        "again from {again}"
    ),
    "imp_li_no_header": (
        "no header line '{header}' in the first {n} lines; is this LinkedIn's Connections.csv? "
        "Export it again (Settings > Data privacy > Get a copy of your data > Connections)"
    ),
    "imp_li_missing_column": (
        "LinkedIn's export has a {name!r} column; the header here is {header}: add the column "
        "or export the file again"
    ),
    "imp_li_no_name": "both First Name and Last Name are blank; fill one in or delete the row",
    "imp_li_bad_date": "expected a date like '01 Jan 2024' (or 2024-01-01); correct or clear it",
    "imp_sf_not_folder": (
        "{path} is not a folder; give the folder holding the Salesforce CSV exports"
    ),
    "imp_sf_no_contacts": (
        "Contact.csv is missing; export the Contact object with API field names into this folder"
    ),
    "imp_sf_missing_column": (
        "a Salesforce {what} export needs the column {name!r} (API name); export it again with "
        "API field names as headers (e.g. Data Loader) or rename the column"
    ),
    "imp_sf_type_other": (
        "the account type is not a customer, competitor or partner type; the org's kind is set "
        "to other"
    ),
    "imp_sf_account_created": (
        "contacts name an account that is not in Account.csv; the org is created as a customer "
        "(export Account.csv to give its name and type)"
    ),
    "imp_sf_no_account": "the contact has no account; their org is set to {org}",
    "imp_sf_no_account_org": "(no account)",
    "imp_sf_manager_missing": "the manager is not in Contact.csv; no reports_to tie is made",
    "imp_sf_manager_elsewhere": (
        "the manager belongs to another account; the reports_to tie is kept"
    ),
    "imp_sf_role_unknown": (
        "not a role relgraph knows; the role is set to other and the original kept in crm_role "
        "(write a known role in your data, or keep other)"
    ),
    "imp_sf_role_no_contact": "the contact is not in Contact.csv; the role row is not imported",
    "imp_sf_opportunity_account": (
        "opportunity {opportunity} is at this account; its kind is set to customer"
    ),
    "imp_sf_user_is_contact": (
        "user id {id!r} is also a contact id, so the exports are inconsistent; export User.csv "
        "and Contact.csv again from the same Salesforce org"
    ),
    "imp_act_no_files": (
        "no Task.csv or Event.csv in the folder; export the Task or Event object with API field "
        "names into it"
    ),
    # -- language-neutral glue ---------------------------------------------------
    "list_sep": ", ",
    "and_sep": " and ",
    # -- input workbook (relgraph template) -------------------------------------
    "tpl_required": "required: every row needs a value",
    "tpl_optional": "optional: may be left blank",
    "tpl_choices": "one of: {choices}",
    "tpl_number": "a number",
    "tpl_number_range": "a number from {lo} to {hi}",
    "tpl_number_min": "a number of at least {lo}",
    "tpl_whole_range": "a whole number from {lo} to {hi}",
    "tpl_date": "a date, e.g. 2026-03-31",
    "tpl_bool": "{yes} or {no}; blank for the default",
    "tpl_ref": "an id from the {table} sheet",
    "tpl_ref_list": "ids from the {table} sheet, separated by ';'",
    "tpl_attitude_scale": "−3 {m3}, −2 {m2}, −1 {m1}, 0 {zero}, +1 {p1}, +2 {p2}, +3 {p3}",
    "tpl_list_error_title": "Not in the list",
    "tpl_list_error": "Choose a value from the drop-down list: {choices}",
    "tpl_number_error_title": "Out of range",
    "tpl_readme_sheet": "README",
    "tpl_readme_title": "relgraph input workbook: how to fill it in",
    "tpl_readme_intro": (
        "One sheet per table. Keep each sheet's name and its first row (the column names "
        "relgraph reads) as they are; hover over a column name for its meaning. Columns "
        "with a fixed vocabulary have drop-down lists. Check the workbook with: "
        "relgraph validate {file}"
    ),
    "tpl_readme_example": (
        "The sheets hold the bundled sample account (Xinghe Mobile, fictional) as an "
        "example: replace its rows with your own."
    ),
    "tpl_readme_not_read": "relgraph does not read this sheet.",
    "tpl_head_sheet": "sheet",
    "tpl_head_table": "table",
    "tpl_head_column": "column",
    "tpl_head_required": "required",
    "tpl_head_meaning": "meaning",
    "tpl_head_values": "values",
    "tpl_written": "Wrote the input workbook {path} ({n} sheets, language {language}).",
    "tpl_written_example": "Its sheets hold the sample account as example rows.",
    "tpl_exists": "{path} already exists; pass {flag} to overwrite it",
    "tpl_xlsx_path": "a path ending in .xlsx (the input workbook is an Excel file)",
    "tpl_next": "Fill it in, then check it with: relgraph validate {path}",
    # -- validation messages rendered in the chosen language ------------------------
    "val_unknown_term": "unknown {column} {value!r}; {dym}valid: {valid}",
    "val_did_you_mean": "did you mean {near!r}? ",
    "val_not_boolean": "expected {yes} or {no}; leave blank for the default",
    "val_range": "{column} must be {rule}",
    "val_expected": "expected {rule}",
    "val_problems": "{n} problem(s) in {path}:",
    "val_ok": "OK: {path} is valid.",
    "val_not_read": "note: not read, as they are not relgraph tables: {names}",
    # -- validation hints (relgraph.errors.Message: rendered again in the reader's language)
    "val_more_rows": "… and {n} more rows with the same problem",
    "val_duplicate_id": "{column} {value!r} is already used in row {row}; ids must be unique",
    "val_number": "expected a number",
    "val_number_in": "expected a number, {rule}",
    "val_whole_number": "expected a whole number",
    "val_whole_number_in": "expected a whole number, {rule}",
    "val_from_to": "from {lo} to {hi}",
    "val_at_least": "at least {lo}",
    "val_at_most": "at most {hi}",
    "val_boolean": "expected true/false (or yes/no, 1/0); leave blank for the default",
    "val_bad_date": "not a date; write it as YYYY-MM-DD (e.g. 2026-03-31)",
    "val_future_date": ("date is after today ({today}); check the year and the day/month order"),
    "val_meant_column": " (is {near!r} meant to be {name!r}?)",
    "val_missing_column": "required column {name!r} is missing{dym}; the header needs {header}",
    "val_no_rows": "the {table} table has a header but no rows; add at least one row",
    "val_blank_row": "the row is entirely blank; delete it or fill it in",
    "val_blank_required": "{column} is required and cannot be blank",
    "val_duplicate_row": "the same ({columns}) appears twice; remove or merge the repeated row",
    "val_unknown_id": "no {what} with id {value!r} in the {ref} table{dym}",
    "val_unknown_id_dym": "; did you mean {near!r}?",
    "val_supports_kind": (
        "{value!r} is not a competitor org (its kind is {kind!r}); supports must name an org "
        "of kind competitor"
    ),
    "val_support_without_supports": (
        "support is given but supports (which competitor) is blank; fill in supports or clear "
        "support"
    ),
    "val_account_kind": "account {value!r} is not a customer org (its kind is {kind!r})",
    "val_competitors_kind": "competitors must name orgs of kind competitor",
    "val_covers_source": (
        "a covers tie must start at one of our people (an org of kind us); use another kind for "
        "a competitor's or partner's contact"
    ),
    "val_our_person_kind": (
        "{value!r} is not one of our people (their org's kind is {kind!r}); our_person must be "
        "at an org of kind us"
    ),
    "val_their_people_ours": (
        "their_people must be customer (or other outside) people, not our own; internal "
        "meetings do not belong in the interactions log"
    ),
    "val_tie_both_ways": (
        "the personal tie {tie} is given in both directions with the same kind; personal ties "
        "are undirected, so keep one of the two rows"
    ),
    "val_self_tie": "a tie must join two different people",
    "val_two_managers": (
        "{value!r} reports to more than one manager ({managers}); keep one reports_to tie and "
        "record the other as 'influences' or 'works_with'"
    ),
    "val_reporting_cycle": (
        "reports_to forms a cycle: {members}; someone at the top must report to nobody"
    ),
    "val_not_text": (
        "the file is neither UTF-8, UTF-16 nor GBK/GB18030 text; save it as 'CSV UTF-8' "
        "(Excel: File > Save As > CSV UTF-8)"
    ),
    "val_duplicate_column": (
        "the column(s) {columns} appear more than once in the header (names are compared "
        "ignoring case and spaces); rename or remove the extra column"
    ),
    "val_surrogates": (
        "the column holds text that is not valid Unicode (lone surrogates); fix the text where "
        "it came from"
    ),
    "val_unreadable": "cannot read the file: {error}",
    "val_nul": (
        "the file contains a NUL character (first on line {line}): it is binary or mis-encoded; "
        "save it again as 'CSV UTF-8'"
    ),
    "val_empty_file": "the file is empty; add a header",
    "val_bad_csv": (
        "not a readable CSV ({error}); check the quotes and the number of commas per row"
    ),
    "val_bad_parquet": "not a readable Parquet file ({error})",
    "val_missing_file": "required file {table}.csv is missing; create it with the header {header}",
    "val_bad_workbook": "cannot read the workbook ({error}); save it again as .xlsx",
    "val_missing_sheet": "required sheet {table!r} is missing; add it with the columns {header}",
    "val_unknown_table": "unknown table {table!r}; {dym}tables are {tables}",
    "val_missing_frame": (
        "the {table!r} table is required; pass a DataFrame with the columns {header}"
    ),
    "val_not_a_frame": "expected a pandas DataFrame for {table!r}, got {got}",
    "val_several_files": "several files hold the {table} table ({names}); keep exactly one",
    "val_wrong_suffix": (
        "{name} is not read: a folder's tables are <table>.csv or <table>.parquet files; save it "
        "as {meant}.csv"
    ),
    "val_misnamed_file": (
        "{name} is not a table name, so it is not read; did you mean {meant}.csv? rename it "
        "(tables: {tables})"
    ),
    "val_misnamed_sheet": (
        "sheet {name!r} is not a table name, so it is not read; did you mean {meant!r}? rename "
        "the sheet (tables: {tables})"
    ),
    "val_path_missing": "{path} does not exist; give a folder of CSV files or an Excel workbook",
    "val_path_not_input": (
        "{path} is neither a folder nor an .xlsx file; give a folder of CSV files or an Excel "
        "workbook"
    ),
    "val_path_one_table": (
        "{path} is one table; give the folder that holds all the tables ({folder})"
    ),
    # -- command line (relgraph/cli/): headers and results -------------------------------
    "cli_index_head": "Decision support index for {opp} (−3..+3 for us, 0..3 for competitors):",
    "cli_hidden_head": "Top hidden influencers in {opp}:",
    "cli_leverage_head": "Leverage (top {top}):",
    "cli_level_matrix": "Level by level (our people × theirs):",
    "cli_map_written": "Wrote {path}: {people} people, {ties} ties.",
    "cli_export_written": "Wrote {path} ({people} people, {ties} ties).",
    "cli_wrote": "Wrote {path}",
    "cli_note": "note: {note}",
    "cli_error": "error: {error}",
    "cli_cannot_read": "cannot read {path}: {error}",
    "cli_what_role_holders": "{opp} role holders",
    "cli_what_holders_of": "{opp} holders of role {role}",
    "cli_what_people": "people",
    "cli_import_done": "Imported {net} → {path}",
    "cli_not_mapped": "{n} value(s) did not map one-to-one:",
    "demo_loaded": (
        "Loaded and validated the sample account: {people} people, {orgs} organisations, "
        "{ties} ties"
    ),
    "demo_count": "  {what}: {n}",
    "demo_people_of": "{people} ({party})",
    "demo_row": "  {name} [{id}]: {why}",
    "demo_target_row": "  {rank}. {name} [{person}]: {objective}, gain {gain:.4f}; {people}",
    "demo_workbook": "The account's tables as one workbook, ready to share: {path}",
    "demo_index": "Decision support index for {opp} (us −3..+3, competitors 0..3):",
    "demo_hidden": "Top hidden influencers (no formal role in {opp}):",
    "demo_hidden_row": "  {rank}. {name} [{person}], leverage {leverage:.3f}: {why}",
    "demo_hidden_row_withheld": "  {rank}. {name}, leverage {leverage:.3f}: {why}",
    "demo_leverage": "Leverage of everyone toward {opp}: {path}",
    "demo_bulk_routes": "Best route and independent alternative to every {opp} role holder:",
    "demo_routes_file": "All routes (with the readable text): {path}",
    "demo_high_gaps": "Gaps (high severity):",
    "demo_other_gaps": "Other gaps: {counts}",
    "demo_targets": "Top targets (capacity: {capacity} targets):",
    "demo_hidden_targets": "Hidden influencers among the targets: {people}",
    "demo_none": "none",
    "demo_gaps_written": "Gaps and targets written to {gaps} and {targets}",
    "demo_open_issue": "Open issue {issue}: {why}",
    "demo_interactions_written": (
        "Strength, last contact and issues: {path}; touchpoints plot: {png}"
    ),
    "demo_map": "Interactive map (opens offline): {path}: {people} people, {ties} ties",
    "demo_plots": "Plots: {paths}",
    "demo_plan": "The yearly planning set: {xlsx} (and {html})",
    "demo_diff": "What changed in the account, {old} → {new}:",
    "demo_trend": "Support index over time: {path}",
    "demo_step_load": "Load and validate",
    "demo_step_influence": "Influence: support index and hidden influencers",
    "demo_step_routes": "Routes: warm introductions to the CTO and to every OPP-1 role holder",
    "demo_step_coverage": "Coverage: gaps against competitors and whom to work on next",
    "demo_step_interactions": "Interactions: tie strength, last contact and open customer issues",
    "demo_step_maps": (
        "Maps and plots: map.html and PNGs of the chain, power map, coverage, a route"
    ),
    "demo_step_planning": "Planning: plan.xlsx, and what changed since the May snapshot",
    "demo_wrote": "Wrote {n} file(s) to {folder}/",
    "linkedin_owner_not_ours": (
        "one of our people (at an org of kind us), whose own LinkedIn export this is; "
        "{who} is at an org of kind {party}"
    ),
    "imp_deleted": "deleted in Salesforce (IsDeleted=true); not imported",
    "imp_deleted_count": "{n} row(s) deleted in Salesforce (IsDeleted=true) skipped.",
    "imp_sf_across_sides": (
        "the contact (at an account of kind {contact}) and the manager (kind {manager}) are on "
        "different sides; a reporting line stays on one side"
    ),
    "imp_sf_role_competitor": (
        "the contact is at a competitor's account; buying roles are held by the customer's people"
    ),
    # -- output safety -----------------------------------------------------------------
    "out_overwrites_input": (
        "{output} would overwrite {input}, an input of this run; relgraph never overwrites "
        "its input: write the output to another file or folder"
    ),
    "out_in_input_folder": (
        "{output} is in {folder}, an input folder of this run, where the next load would "
        "read it as a table; write the output to another folder"
    ),
    "out_is_folder": "{output} is a folder; give a file name for this output (e.g. {example})",
    "out_is_file": "{output} is a file; give a folder for this output",
    "out_twice": (
        "{output} is also given for another output of this run ({other}); give each output "
        "its own path"
    ),
    "out_parent_not_folder": (
        "cannot write {output}: {parent} is a file, not a folder; choose another folder"
    ),
    "out_tables_suffix": (
        "{output} ends in {suffix}, a file type relgraph does not write tables as; give a "
        "folder (one CSV file per table) or a name ending in .xlsx"
    ),
    "out_too_many_rows": (
        "the {sheet} table has {rows:,} rows, more than an Excel sheet holds ({limit:,}); "
        "write a folder of CSV files instead"
    ),
    "out_cell_too_long": (
        "the {sheet} sheet's cell {cell} would hold {n:,} characters, more than an Excel cell "
        "holds ({limit:,}); write a folder of CSV files instead"
    ),
    "out_cell_cut": " … [cut: {n:,} characters, more than an Excel cell holds]",
    "out_cannot_write": (
        "cannot write {output}: {reason}; check that the folder is writable and that the "
        "file is not open in another program (nothing was changed)"
    ),
    # -- validation --------------------------------------------------------------------
    "val_mixed_encoding": (
        "line {line} is not UTF-8 (shown as it reads in GBK) although the rest of the file "
        "is UTF-8 ({n} such line(s)); the file is not guessed as a whole: retype the row, or "
        "save the whole file again as 'CSV UTF-8'"
    ),
    "val_short_row": (
        "the row has {fields} field(s) but the header has {expected}; it is not padded with "
        "blanks: add the missing commas (an empty value still needs its comma)"
    ),
    "val_long_row": (
        "the row has {fields} fields but the header has {expected}; put a value that holds "
        "a comma in double quotes, or remove the extra commas"
    ),
    "val_unclosed_quote": (
        "the row has {fields} field(s) but the header has {expected}, and a double quote in "
        "it is never closed, so what follows reads as one value; close the quote or remove it"
    ),
    "val_excel_error": (
        "the cell holds the Excel error {value}, which would load as blank; fix the formula "
        "behind it or type the value"
    ),
    "val_uncached_formula": (
        "the cell holds a formula whose result was never saved (the file was written by a "
        "program that does not calculate), so it would load as blank; open and save the "
        "workbook in Excel or LibreOffice, or type the value"
    ),
    "val_invisible_blank": (
        "{column} holds only invisible characters (zero-width spaces, joiners, byte-order "
        "marks, soft hyphens), so it is blank; fill it in"
    ),
    "val_lookalike_id": (
        "{column} {value!r} looks the same as {other!r} in row {row}: they differ only by "
        "invisible or full-width characters, so they would be two different ids; remove the "
        "invisible characters (or type the id in half-width) to make them one, or choose "
        "another id"
    ),
    "val_lookalike_ref": (
        "no {what} with id {value!r} in the {ref} table; {real!r} is there and differs only "
        "by invisible or full-width characters: write {real!r}"
    ),
    "val_side_us": "one of our own people",
    "val_side_competitor": "a competitor's staff",
    "val_role_holder_side": (
        "{person!r} is {side} (org {org}), and a buying role is held by the customer's "
        "people (or a partner's or another outsider's); record our people through covers or "
        "informs ties and a competitor's through influences ties or supports"
    ),
    "val_reports_across": (
        "{source!r} (at an org of kind {source_kind}) cannot report to {target!r} (kind "
        "{target_kind}): a reporting line stays within our side, a competitor's, or the "
        "customer's and their partners'; record this tie as influences or works_with"
    ),
    # -- command line (relgraph/cli/): messages, headers and notes ------------------------
    "cli_version": "relgraph {version}",
    "cli_none": "(none)",
    "cli_why_head": "Why:",
    "cli_detail": "{label}: {text}",
    "cli_try_help": "Try '{command}' for help.",
    "cli_did_you_mean": "; did you mean {words}?",
    "cli_opportunity_several": "this network has {n} opportunities ({ids}); name one",
    "cli_no_opportunities": "this network has no opportunities; add an opportunities table",
    "cli_unknown_opportunity": "unknown opportunity {value!r}; known: {ids}",
    "cli_unknown_person": "unknown person {value!r}",
    "cli_person_ambiguous": "{value!r} names several people ({ids}); give an id",
    "cli_invalid_value": "{name} = {value} is not valid; expected {expected}{dym}",
    "cli_bad_parameter": "{option}: {error}",
    "cli_no_such_option": "no such option: {option}{dym}",
    "cli_no_such_command": "no such command {name!r}{dym}; commands: {known}",
    "cli_missing": "missing option {name}",
    "cli_missing_argument": "missing argument {name}",
    "cli_aborted": "aborted",
    "cli_problems": "{n} problem(s) in the input:",
    "cli_os_error": "cannot read or write {path}: {error}",
    "cli_internal": "internal error ({kind}: {error}); this is a bug in relgraph, please report it",
    "cli_debug_hint": "run with --debug for the traceback",
    "cli_deprecated": "note: {old} is the old spelling of {new}; use {new}",
    "cli_no_such_path": "{path} does not exist",
    "cli_people_of_kind": "{table} ({kind})",
    "cli_coverage_head": (
        "Coverage of {opp} as of {as_of}: {people} key people, {gaps} gaps ({high} high, "
        "{medium} medium, {low} low)"
    ),
    "cli_gaps_head": "Gaps:",
    "cli_parties_head": "Parties:",
    "cli_matrix_corner": "our level \\ theirs",
    "cli_no_ref": "(no ref)",
    "cli_plot_types": "a file name ending in .png, .svg or .pdf",
    "cli_period_year": "year",
    "cli_period_half_year": "half-year",
    "cli_plan_summary": (
        "Plan for {opp}, one {period} from {as_of}: {people} key people, {targets} targets, "
        "{actions} actions"
    ),
    "cli_withheld_person": "(withheld)",
    "cli_sensitive_ties": "{n} sensitive tie(s)",
    "cli_sensitive_people": "{n} person(s) known only through them",
    "cli_sensitive_affiliations": "{n} sensitive affiliation(s)",
    "cli_sensitive_left_out": (
        "left out of this output: {what} (family, faith, neighbourhood or marked sensitive); "
        "--include-sensitive to include them"
    ),
    "cli_sensitive_included": (
        "sensitive personal ties and the people known only through them are included "
        "(--include-sensitive): do not share this output"
    ),
    # -- command line help (relgraph --help, relgraph COMMAND -h); no placeholders --------
    "cli_help_app": "Decision chains, hidden influencers, coverage gaps and introduction routes.",
    "cli_help_version": "Print the version and exit.",
    "cli_help_help": "Show this message and exit.",
    "cli_help_path": "A folder of CSV files or an .xlsx workbook.",
    "cli_help_account": "The account: a folder of CSV files or an .xlsx workbook.",
    "cli_help_lang": (
        "Language of the output: en or zh (简体中文). Default: the network's setting (en)."
    ),
    "cli_help_as_of": (
        "Measure ages, staleness and interaction decay as of this day (default: today)."
    ),
    "cli_help_opportunity": "Opportunity id (may be left out if there is only one).",
    "cli_help_top": "How many rows (routes, influencers) to show.",
    "cli_help_include_sensitive": (
        "Include sensitive ties (family, faith, neighbour …) and the people known only "
        "through them; do not share the output."
    ),
    "cli_help_json": "Print JSON instead of text.",
    "cli_help_debug": "Show the Python traceback of an internal error.",
    "cli_help_capacity": "How many targets the team can take on.",
    "cli_help_validate": (
        "Check a dataset: every problem (exit 1) or a summary. Each problem names the file, "
        "row, column and value, why it is wrong and how to fix it."
    ),
    "cli_help_demo": (
        "Run every analysis on the bundled sample account. The maps, plots, tables and the "
        "planning set go to the --out folder."
    ),
    "cli_help_demo_out": "Folder for the demo's outputs.",
    "cli_help_template": (
        "Write an input workbook to fill in. One sheet per table, a note on every column "
        "and drop-down lists of the vocabularies, in the --lang language."
    ),
    "cli_help_template_path": "The .xlsx input workbook to write.",
    "cli_help_example": "Fill the sheets with the sample account.",
    "cli_help_force": "Overwrite PATH if it exists.",
    "cli_help_influence": "Support index per party, top hidden influencers and leverage.",
    "cli_help_routes": (
        "Warm-introduction routes to a person, explained. The most reliable routes come "
        "first. With several --to people, or --opportunity (and --role), one row per "
        "person: the best route from our team and an independent alternative."
    ),
    "cli_help_to": "The person to reach (id or name); repeat for several people.",
    "cli_help_from": "Start every route at this person (default: our team).",
    "cli_help_routes_opportunity": (
        "Reach every role holder of this opportunity (instead of --to)."
    ),
    "cli_help_role": "With --opportunity: only holders of this role (decider, 决定者 …).",
    "cli_help_include_dnc": "Let routes pass through do-not-contact people.",
    "cli_help_include_opponents": (
        "Let routes pass through people who oppose us or back a competitor."
    ),
    "cli_help_csv": "Also write every column of the result to this CSV file.",
    "cli_help_coverage": (
        "Coverage gaps, the parties and the key people. Gaps are checked rule by rule "
        "against the competitors' supporters."
    ),
    "cli_help_targets": "Whom to work on next, with owners A/B, sponsor and route.",
    "cli_help_activity": "Tie strength, last contact and customer issues from the log.",
    "cli_help_plot": "Also draw the touchpoints over time to this .png/.svg/.pdf.",
    "cli_help_map": "Write a self-contained interactive HTML map (opens offline).",
    "cli_help_map_out": "Where to write the HTML map.",
    "cli_help_focus": "Draw only this person's ego network (id or name).",
    "cli_help_radius": "Ties away from --focus to include.",
    "cli_help_plan": (
        "Write the yearly planning set as a workbook. Status, targets, actions and cards; "
        "also as HTML or Markdown."
    ),
    "cli_help_xlsx": "Where to write the workbook.",
    "cli_help_html": "Also write a self-contained HTML page.",
    "cli_help_md": "Also write Markdown.",
    "cli_help_period": "Planning cycle: year or half-year.",
    "cli_help_export": "Export the network for Gephi/yEd (GEXF, GraphML) or as JSON.",
    "cli_help_format": "gexf, graphml or json.",
    "cli_help_export_out": "Output file (default: network.FORMAT).",
    "cli_help_diff": "Show what changed between two snapshots (key positions first).",
    "cli_help_old": "The earlier snapshot (folder or .xlsx).",
    "cli_help_new": "The later snapshot (folder or .xlsx).",
    "cli_help_old_date": "Date of OLD (default: its folder name if it is a date).",
    "cli_help_new_date": "Date of NEW (default: its folder name if it is a date).",
    "cli_help_tier": "Grade customers S/A/B/C by value, potential and fit.",
    "cli_help_accounts": (
        "CSV: account, current_value, future_potential, strategic_fit (0..5), name."
    ),
    "cli_help_import": "Import CRM exports into relgraph tables.",
    "cli_help_import_salesforce": (
        "Import a Salesforce export as relgraph tables. Lists what did not map one-to-one."
    ),
    "cli_help_sf_folder": "Folder with Contact.csv, Account.csv, ….",
    "cli_help_sf_out": "Output: a folder (CSV files) or a .xlsx file.",
    "cli_help_us_name": "Name of our own org.",
    "cli_help_import_linkedin": (
        "Add our person's LinkedIn connections as ties. Reports what matched whom."
    ),
    "cli_help_connections": "LinkedIn's Connections.csv export.",
    "cli_help_owner": "Whose connections these are (id or name, one of ours).",
    "cli_help_out_account": "Write the updated account here: a folder (CSV files) or .xlsx.",
    "cli_help_add_unmatched": (
        "Add connections that match nobody as new people (else report only)."
    ),
    "cli_help_kind": "Tie kind of the new ties.",
    "cli_help_import_activity": (
        "Add Salesforce tasks and events to the log. Reports what was not imported; a row "
        "whose Id is already in the log (salesforce_id) is reported, not added twice."
    ),
    "cli_help_tasks": "Salesforce Task.csv export.",
    "cli_help_events": "Salesforce Event.csv export.",
    "cli_help_today": "Day for the no-future-touchpoints check (default: today).",
    # -- spark -------------------------------------------------------------------
    "spark_range_both": " from {lo} to {hi}",
    "spark_range_lo": " of at least {lo}",
    "spark_range_hi": " of at most {hi}",
    "spark_hint_term": "unknown {column}; valid: {choices}",
    "spark_hint_number": "expected a number{range}",
    "spark_hint_int": "expected a whole number{range}",
    "spark_hint_range": "{column} must be a number{range}",
    "spark_hint_duplicate_id": (
        "this {column} is already used in an earlier row; ids must be unique"
    ),
    "spark_hint_missing_column": "required column {column!r} is missing; the header needs {header}",
    "spark_hint_reference": "names an id that is not in the {table} table ({column})",
    "spark_hint_supports": "supports must name an org of kind competitor",
    "spark_hint_account": "account must name an org of kind customer",
    "spark_hint_our_person": "our_person must be at an org of kind us",
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

#: Display words of the vocabularies and labels people see, by vocabulary then value (the
#: English source; :func:`term` renders them in a language). Values are the canonical
#: identifiers code uses (``TieKind`` values, gap rule ids, attitudes as ``"-3"``..``"3"``).
TERMS: dict[str, dict[str, str]] = {
    "role": {
        "initiator": "initiator",
        "user": "user",
        "influencer": "influencer",
        "decider": "decider",
        "approver": "approver",
        "buyer": "buyer",
        "gatekeeper": "gatekeeper",
        "other": "other role",
        "none": "no role",
    },
    "attitude": {
        "-3": "strongly opposed",
        "-2": "opposed",
        "-1": "cool",
        "0": "neutral",
        "1": "favourable",
        "2": "supporter",
        "3": "champion",
        "unknown": "not assessed",
    },
    "stance": {
        "support": "supporter",
        "neutral": "neutral",
        "oppose": "opponent",
        "unknown": "not assessed",
    },
    "objective": {
        "neutralise": "neutralise",
        "convert": "convert",
        "mobilise": "mobilise",
        "counter": "counter",
        "work_through": "work through",
    },
    "tie_kind": {
        "reports_to": "reports to",
        "influences": "influences",
        "covers": "covers",
        "informs": "informs",
        "family": "family",
        "friend": "friend",
        "former_colleague": "former colleague",
        "alumni": "alumni",
        "neighbour": "neighbour",
        "club": "club",
        "faith": "faith",
        "works_with": "works with",
        "supplier": "supplier",
        "customer_of": "customer of",
        "other": "other",
    },
    # a directed tie read against its direction (in a route walked from target to source)
    "tie_kind_reverse": {
        "reports_to": "manages",
        "covers": "covered by",
        "influences": "influenced by",
        "informs": "informed by",
    },
    "org_kind": {
        "customer": "customer",
        "us": "us",
        "competitor": "competitor",
        "partner": "partner",
        "other": "other",
    },
    "party": {
        "us": "our team",
        "customer": "customer",
        "competitor": "competitor staff",
        "partner": "partner",
        "other": "other",
    },
    "gap_rule": {
        "level_parity": "level parity",
        "no_decider_support": "no decider support",
        "uncovered_role": "uncovered role",
        "unmanaged_opponent": "unmanaged opponent",
        "unowned_influencer": "unowned hidden influencer",
        "no_supporter_in_role": "no supporter in role",
        "key_players_against": "key players against",
        "faction_without_supporter": "faction without supporter",
        "single_threaded": "single-threaded",
        "few_channels": "few channels",
        "no_competitor_supporter": "no competitor supporter",
        "level_mismatch": "level mismatch",
        "open_issue": "open issue",
        "stale_contact": "stale contact",
        "stale_attitude": "stale attitude",
    },
    "gap_rule_check": {
        "level_parity": "a competitor's top supporter outranks our top supporter",
        "no_decider_support": "no decider or approver supports us",
        "uncovered_role": "a role holder has no owner on our team",
        "unmanaged_opponent": "an opponent with high leverage has no owner",
        "unowned_influencer": "a hidden influencer with high leverage has no owner",
        "no_supporter_in_role": "a competitor has a supporter in a role where we have none",
        "key_players_against": "the decider supports us but most key players do not",
        "faction_without_supporter": "a faction holding decision power has no supporter",
        "single_threaded": "a key person has one owner (A/B rule)",
        "few_channels": "a key person has fewer than two independent channels",
        "no_competitor_supporter": "no supporter of a competitor identified",
        "level_mismatch": "a key person's owners all sit below their level",
        "open_issue": "a key person has a customer issue open for too long",
        "stale_contact": "a covered role holder has had no logged contact for too long",
        "stale_attitude": "an attitude has not been assessed for too long",
    },
    "severity": {"high": "high", "medium": "medium", "low": "low"},
    "stage": {
        "need": "need",
        "specification": "specification",
        "evaluation": "evaluation",
        "decision": "decision",
        "approval": "approval",
        "purchase": "purchase",
    },
    "affiliation_kind": {
        "school": "school",
        "club": "club",
        "employer": "employer",
        "neighbourhood": "neighbourhood",
        "faith": "faith",
        "other": "other",
    },
    "interaction_kind": {
        "meeting": "meeting",
        "call": "call",
        "visit": "visit",
        "meal": "meal",
        "event": "event",
        "email": "email",
        "training": "training",
        "complaint": "complaint",
        "issue_closed": "issue closed",
        "other": "other",
    },
    "direction": {"ours": "by us", "theirs": "by them", "mutual": "both"},
    "goal": {
        "breakthrough": "breakthrough",
        "share": "share",
        "profit": "profit",
        "competitive": "competitive",
    },
    "tier": {"S": "strategic", "A": "partner", "B": "value", "C": "general"},
    "level": {
        "1": "1 board",
        "2": "2 C-suite",
        "3": "3 VP/director",
        "4": "4 manager",
        "5": "5 staff",
        "outside": "outside / not given",
    },
    "boolean": {"true": "true", "false": "false"},
    "table": {
        "orgs": "orgs",
        "people": "people",
        "ties": "ties",
        "opportunities": "opportunities",
        "roles": "roles",
        "affiliations": "affiliations",
        "interactions": "interactions",
    },
    "period": {"year": "year", "half-year": "half-year"},
    # the kinds of rows of the plan's action sheet (Plan.actions["kind"])
    "action_kind": {
        "route": "introduction step",
        "meeting": "meeting",
        "key_dates": "key dates",
        "sponsor": "sponsor touchpoint",
        "review": "review",
    },
    "plan_sheet": {
        "Cover": "Cover",
        "Status": "Status",
        "Targets": "Targets",
        "Actions": "Actions",
        "Cards": "Cards",
        "About": "About",
    },
    # Column headers of the plan workbook: ``<column>`` for every sheet, or
    # ``<Sheet>.<column>`` where a sheet needs its own header (see plan_header).
    "plan_column": {
        "person": "person",
        "name": "name",
        "title": "title",
        "level": "level",
        "roles": "roles",
        "power": "power",
        "attitude": "attitude",
        "Targets.attitude": "attitude",
        "updated": "updated",
        "stale": "stale",
        "backs": "backs",
        "backing": "backing",
        "hidden": "hidden",
        "do_not_contact": "do_not_contact",
        "owners": "owners",
        "n_owners": "n_owners",
        "channels": "channels",
        "n_channels": "n_channels",
        "route_strength": "route_strength",
        "last_contact": "last_contact",
        "gaps": "gaps",
        "why": "why",
        "rank": "rank",
        "objective": "objective",
        "competitor": "competitor",
        "sways": "sways",
        "goal": "goal",
        "owner_a": "owner_a",
        "owner_b": "owner_b",
        "sponsor": "sponsor",
        "deadline": "deadline",
        "measure": "measure",
        "gain": "gain",
        "route": "route",
        "target": "target",
        "step": "step",
        "kind": "kind",
        "who": "who",
        "action": "action",
        "when": "when",
        "org": "org",
        "trust_channel": "trust_channel",
        "activities": "activities",
        "review": "review",
    },
    "column_type": {
        "str": "str",
        "int": "int",
        "float": "float",
        "date": "date",
        "bool": "bool",
    },
    "problem_column": {
        "source": "source",
        "table": "table",
        "row": "row",
        "column": "column",
        "value": "value",
        "reason": "reason",
        "hint": "hint",
    },
    "reason": {
        "missing_table": "missing_table",
        "unknown_table": "unknown_table",
        "missing_column": "missing_column",
        "duplicate_column": "duplicate_column",
        "empty_table": "empty_table",
        "unreadable": "unreadable",
        "encoding": "encoding",
        "blank": "blank",
        "duplicate_id": "duplicate_id",
        "duplicate_row": "duplicate_row",
        "unknown_reference": "unknown_reference",
        "wrong_org_kind": "wrong_org_kind",
        "not_a_number": "not_a_number",
        "not_an_integer": "not_an_integer",
        "out_of_range": "out_of_range",
        "not_a_boolean": "not_a_boolean",
        "bad_date": "bad_date",
        "future_date": "future_date",
        "unknown_term": "unknown_term",
        "self_tie": "self_tie",
        "reporting_cycle": "reporting_cycle",
        "two_managers": "two_managers",
        "inconsistent": "inconsistent",
        "field_count": "field_count",
        "excel_error": "excel_error",
        "uncached_formula": "uncached_formula",
        "lookalike_id": "lookalike_id",
    },
    # Headers of the command line's tables (relgraph/cli/); English shows the identifiers.
    "cli_column": {
        "party": "party",
        "name": "name",
        "index": "index",
        "supporters": "supporters",
        "rank": "rank",
        "person": "person",
        "leverage": "leverage",
        "influences": "influences",
        "roles": "roles",
        "attitude": "attitude",
        "predicted": "predicted",
        "target": "target",
        "best_strength": "best_strength",
        "best_source": "best_source",
        "alt_strength": "alt_strength",
        "alt_source": "alt_source",
        "excluded": "excluded",
        "rule": "rule",
        "severity": "severity",
        "competitor": "competitor",
        "power_share": "power_share",
        "many": "many",
        "deep": "deep",
        "long_years": "long_years",
        "objective": "objective",
        "gain": "gain",
        "owner_a": "owner_a",
        "owner_b": "owner_b",
        "sponsor": "sponsor",
        "our_person": "our_person",
        "their_person": "their_person",
        "their_name": "their_name",
        "touchpoints": "touchpoints",
        "first_contact": "first_contact",
        "last_contact": "last_contact",
        "reciprocity": "reciprocity",
        "strength": "strength",
        "ties": "ties",
        "level": "level",
        "days_since": "days_since",
        "stale": "stale",
        "by": "by",
        "issue": "issue",
        "status": "status",
        "opened": "opened",
        "age_days": "age_days",
        "overdue": "overdue",
        "owner": "owner",
        "people": "people",
        "kind": "kind",
        "label": "label",
        "opportunity": "opportunity",
        "before": "before",
        "after": "after",
        "date": "date",
        "account": "account",
        "current_value": "current_value",
        "future_potential": "future_potential",
        "strategic_fit": "strategic_fit",
        "value_term": "value_term",
        "potential_term": "potential_term",
        "fit_term": "fit_term",
        "score": "score",
        "tier": "tier",
        "file": "file",
        "row": "row",
        "column": "column",
        "value": "value",
        "action": "action",
        "first_name": "first_name",
        "last_name": "last_name",
        "company": "company",
        "matched_by": "matched_by",
        "table": "table",
        "rows": "rows",
        "source": "source",
        "hops": "hops",
        "route": "route",
    },
    # kinds of change between two snapshots (relgraph.analysis.monitor.CHANGE_KINDS)
    "change_kind": {
        "joined": "joined",
        "left": "left",
        "position": "new position",
        "role": "role",
        "attitude": "attitude",
        "new_supporter": "new supporter",
        "lost_supporter": "lost supporter",
        "support_strength": "support strength",
        "gap_opened": "gap opened",
        "gap_closed": "gap closed",
        "index": "support index",
    },
}


def say(key: str, *, lang: str = "en", **values: Any) -> str:
    """Fill the template ``key`` with ``values``, in the language ``lang``.

    Parameters
    ----------
    key : str
        A key of :data:`TEMPLATES`.
    lang : {"en", "zh"}, default "en"
        The language. A template the catalogue does not translate falls back to English
        (``tests/test_i18n.py`` makes sure no shipped language lacks one).
    **values
        The template's placeholders. Values are inserted as given: render vocabulary values
        with :func:`term` and names with :func:`relgraph.locale.person_label` first.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        For an unknown key.
    relgraph.errors.InvalidParameterError
        For a language that is not shipped.

    Examples
    --------
    >>> TEMPLATES["_example"] = "sways {who} as {tie}"
    >>> say("_example", who="the CEO", tie="former boss")
    'sways the CEO as former boss'
    >>> say("cov_gap_uncovered", lang="zh", who="王志远", roles="决定者", extra="")
    '王志远(决定者)在我方没有责任人'
    """
    try:
        template = TEMPLATES[key]
    except KeyError:
        raise KeyError(f"no text template {key!r}") from None
    if lang != "en":
        template = translate(key, template, lang=check_language(lang))
    return template.format(**values)


def _term_key(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def term(vocabulary: str, value: object, *, lang: str = "en") -> str:
    """Return the display word of one vocabulary value, in the language ``lang``.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`TERMS`: ``role``, ``attitude`` (−3..+3 and ``unknown``), ``stance``,
        ``objective``, ``tie_kind``, ``org_kind``, ``party``, ``gap_rule`` (and
        ``gap_rule_check``, what the rule checks), ``severity``, ``stage``,
        ``affiliation_kind``, ``interaction_kind``, ``direction``, ``goal``, ``tier``,
        ``boolean``, ``table``, ``plan_sheet``, ``plan_column``, ``column_type``,
        ``problem_column``, ``reason``.
    value : object
        The canonical value: an enum member or its text (``TieKind.REPORTS_TO``,
        ``"reports_to"``), an attitude as an int (``-3``), a bool for ``boolean``.
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    str
        The word people read; in English the canonical value made readable
        (``"reports to"``), in Chinese the practice's word (``"汇报给"``).

    Raises
    ------
    KeyError
        For an unknown vocabulary or value (the message lists the valid values).

    Examples
    --------
    >>> term("tie_kind", "former_colleague")
    'former colleague'
    >>> term("role", "decider", lang="zh"), term("attitude", -3, lang="zh")
    ('决定者', '强烈反对')
    >>> term("objective", "neutralise", lang="zh"), term("gap_rule", "single_threaded", lang="zh")
    ('中和', '缺少AB角')
    """
    try:
        words = TERMS[vocabulary]
    except KeyError:
        raise KeyError(f"no vocabulary {vocabulary!r}; known: {', '.join(TERMS)}") from None
    key = _term_key(value)
    try:
        english = words[key]
    except KeyError:
        raise KeyError(f"no {vocabulary} {key!r}; known: {', '.join(words)}") from None
    if lang == "en":
        return english
    return translate(f"{vocabulary}:{key}", english, lang=check_language(lang))


def term_list(vocabulary: str, values: str | Iterable[object], *, lang: str = "en") -> str:
    """Return the display words of several values, joined by the language's list separator.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`TERMS`.
    values : str or iterable
        The canonical values, or one text of them separated by commas (``"decider,
        approver"``, as the role columns of result tables hold them).
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    str
        ``""`` for no values.

    Examples
    --------
    >>> term_list("role", "decider, approver"), term_list("role", ["decider", "buyer"], lang="zh")
    ('decider, approver', '决定者、购买者')
    """
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",")]
    words = [term(vocabulary, v, lang=lang) for v in values if str(v).strip()]
    return say("list_sep", lang=lang).join(words)


def terms(vocabulary: str, *, lang: str = "en") -> dict[str, str]:
    """Return every value of a vocabulary with its display word, in :data:`TERMS` order.

    Examples
    --------
    >>> terms("severity", lang="zh")
    {'high': '高', 'medium': '中', 'low': '低'}
    """
    if vocabulary not in TERMS:
        raise KeyError(f"no vocabulary {vocabulary!r}; known: {', '.join(TERMS)}")
    return {value: term(vocabulary, value, lang=lang) for value in TERMS[vocabulary]}


def plan_header(sheet: str, column: str, *, lang: str = "en") -> str:
    """Return the header of a plan workbook column (``relgraph.plan`` sheets) in ``lang``.

    A ``<Sheet>.<column>`` entry of ``TERMS["plan_column"]`` wins over the shared
    ``<column>`` one. English headers are the column identifiers themselves.

    Examples
    --------
    >>> plan_header("Status", "owners", lang="zh"), plan_header("Targets", "attitude", lang="zh")
    ('我方责任人', '当前态度')
    >>> plan_header("Status", "n_owners")
    'n_owners'
    """
    key = f"{sheet}.{column}"
    return term("plan_column", key if key in TERMS["plan_column"] else column, lang=lang)


@dataclass(frozen=True)
class Message:
    """A sentence of the message catalogue: its template key and values, in any language.

    Values that are themselves messages (a "did you mean …?" inside a hint) are rendered in
    the same language.

    Examples
    --------
    >>> m = Message("val_blank_required", (("column", "name"),))
    >>> m.text()
    'name is required and cannot be blank'
    >>> m.text("zh")
    'name 为必填项,不能为空'
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        """Render the sentence in ``lang`` (see :func:`relgraph.text.say`)."""
        values = {k: v.text(lang) if isinstance(v, Message) else v for k, v in self.values}
        return say(self.key, lang=lang, **values)


def message(key: str, /, **values: object) -> Message:
    """Return the :class:`Message` ``key`` with ``values`` (keyword arguments)."""
    return Message(key, tuple(values.items()))
