"""Analyses built on documents and alignments: chains, targets, responsibility, audits of 分工方案 tables."""
