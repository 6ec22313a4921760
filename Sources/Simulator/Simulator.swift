// The Simulator module; see README.md, Architecture.
