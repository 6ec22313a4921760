// The Store module; see README.md, Architecture.
