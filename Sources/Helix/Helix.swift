// The Helix module; see README.md, Architecture.
