// The Consolidation module; see README.md, Architecture.
