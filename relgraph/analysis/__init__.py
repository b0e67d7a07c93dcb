"""Analyses: each module takes a RelationshipNetwork first and returns DataFrames."""
