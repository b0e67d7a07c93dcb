"""CRM and social-network importers: Salesforce exports and LinkedIn connections into a network.

They sit above :mod:`relgraph.network` (they build or extend networks) and below the analyses.
Every importer returns an :class:`~relgraph.importers.result.ImportResult`: the new network,
the rows added per table, and a report of every row or value not taken over one-to-one,
with a plain-language reason.
"""
