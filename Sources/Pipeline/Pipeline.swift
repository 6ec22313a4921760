// The Pipeline module; see README.md, Architecture.
