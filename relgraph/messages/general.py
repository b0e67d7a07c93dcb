"""General sentences, notebook views of results, glue and output-safety notes.

English templates (``{placeholders}`` filled by :func:`relgraph.text.say`);
their translations are in the gettext catalogue (``make catalog``).
"""

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
    # -- language-neutral glue ---------------------------------------------------
    "list_sep": ", ",
    "and_sep": " and ",
    "clause_sep": "; ",
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
    # -- a bad option value (relgraph.checks.invalid) and what is valid instead -----------
    "err_invalid_value": "{name} = {value} is not valid; expected {expected}{dym}",
    "err_did_you_mean": "; did you mean {near}?",
    "exp_one_of": "one of: {choices}",
    "exp_int_any": "a whole number",
    "exp_int_between": "a whole number from {lo} to {hi}",
    "exp_int_above_to": "a whole number above {lo} to {hi}",
    "exp_int_at_least": "a whole number >= {lo}",
    "exp_int_above": "a whole number > {lo}",
    "exp_int_at_most": "a whole number <= {hi}",
    "exp_num_any": "a number",
    "exp_num_between": "a number from {lo} to {hi}",
    "exp_num_above_to": "a number above {lo} to {hi}",
    "exp_num_at_least": "a number >= {lo}",
    "exp_num_above": "a number > {lo}",
    "exp_num_at_most": "a number <= {hi}",
    "exp_bool": "True or False",
    "exp_date": "a date as YYYY-MM-DD (a real calendar day)",
    "exp_ids": "a list of ids",
    "exp_date_or_none": "a datetime.date or None",
    "exp_weight_pair": "(forward, backward) with both in 0..1",
    "exp_other_person": "another person than the source (same person)",
    "exp_new_ties": "rows (source, target, kind[, strength])",
    "exp_tie_columns": "columns source, target, kind (missing {missing})",
    "exp_strengths": "strengths in 0..1",
    "exp_changes": "a dict of person to attitude",
    "exp_load": "a dict of our person to their number of targets",
    "exp_customer_person": "a customer-side person (a sponsor is ours; the person is theirs)",
    "exp_our_person": "one of our people",
    "exp_our_person_of": "one of our people ({ids})",
    "exp_sponsor_candidate": (
        "one of our executives other than owner A {owner} and the people who report to them "
        "({allowed})"
    ),
    "exp_text_or_none": "a text or None",
    "exp_css_length": "a CSS length such as '760px' or '80vh'",
    "exp_map_file": "a file name ending in .html, .png or .svg",
    "exp_axes": "a matplotlib Axes or None",
    "exp_history": "the table load_history returns",
    "exp_columns": "columns {columns}",
    "exp_finite": "finite numbers",
    "exp_square": "a square (n, n) matrix",
    "exp_weights": "weights >= 0",
    "exp_rows_sum": "rows that sum to 1",
    "exp_scalar_or": "a scalar or {shape}",
    "exp_anchored": "below 1 for someone each person hears",
    "exp_tier_weights": "a dict of value, potential and fit to numbers",
    "exp_tier_thresholds": "a dict of S, A and B to scores",
    "err_bad_setting": "Settings.{name} = {value}; expected {expected}",
    "err_unknown_term": "unknown {name} {value}{dym} (valid: {valid})",
    "err_shape": "{name} has shape {shape}; expected {expected}",
    "err_not_finite": "{name} contains NaN or infinite values",
    "err_fj_negative": "W has negative or non-finite entries; expected weights >= 0",
    "err_fj_rows": (
        "W is not row-stochastic: row {row} sums to {total}; expected every row to sum to 1 "
        "(give an isolated person a self-weight of 1)"
    ),
    "err_fj_susceptibility": "susceptibility must lie in 0..1 for everyone",
    "err_fj_unanchored": (
        "the model has no unique equilibrium: people at positions {who} have susceptibility 1 "
        "and hear only others with susceptibility 1"
    ),
    "err_not_history": "not a trend table from load_history: missing {missing}",
    "err_tier_weight_keys": (
        "weights need exactly the keys {keys}; unknown: {unknown}, missing: {missing}"
    ),
    "err_tier_weight_values": "weights must be finite, ≥ 0 and not all 0; got {got}",
    "err_tier_threshold_keys": (
        "thresholds need exactly the keys S, A, B (C is everything below B); got {got}"
    ),
    "err_tier_threshold_order": "thresholds must satisfy 100 ≥ S ≥ A ≥ B ≥ 0; got {got}",
    "err_tier_numbers": "column {column} needs numbers ≥ 0; bad values in rows {rows}",
    "err_tier_not_frame": "accounts must be a pandas DataFrame, not {kind}",
    "err_tier_columns": (
        "accounts table is missing column(s) {missing}; needs {needed} (and optionally name)"
    ),
    "err_tier_repeats": "account ids repeat: {ids}",
    "err_tier_fit": "strategic_fit is scored 0..{scale}; got {got}",
    "exp_snapshot_folder": "a folder of dated snapshots (subfolders named YYYY-MM-DD)",
    "exp_snapshot_subfolders": (
        "a folder with snapshot subfolders named YYYY-MM-DD (found: {found})"
    ),
}
