// The Site module; see README.md, Architecture.
