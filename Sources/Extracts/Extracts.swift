// The Extracts module; see README.md, Architecture.
