package symbolic

// Register exposes register to the tests: it panics on a malformed row
// before changing the table.
func Register(fs ...*Func) { register(fs...) }
