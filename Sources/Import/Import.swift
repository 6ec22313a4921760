// The Import module; see README.md, Architecture.
