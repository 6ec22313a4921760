// The Metrics module; see README.md, Architecture.
