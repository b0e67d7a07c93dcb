"""Sentences of the command line.

English templates (``{placeholders}`` filled by :func:`relgraph.text.say`);
their translations are in the gettext catalogue (``make catalog``).
"""

TEMPLATES: dict[str, str] = {
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
    "cli_bad_accounts": "{path}: {error}; correct the file and run the command again",
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
    "demo_target_row_new_way": (
        "  {rank}. {name} [{person}]: {objective}, needs a new way in (no route yet, so no "
        "gain counted; beyond the capacity); {people}"
    ),
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
}
