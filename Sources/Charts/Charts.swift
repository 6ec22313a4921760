// The Charts module; see README.md, Architecture.
