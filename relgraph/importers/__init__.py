"""CRM and social-network importers: Salesforce exports and LinkedIn connections into a network.

They sit above :mod:`relgraph.network` (they build or extend networks) and below the analyses.
"""
