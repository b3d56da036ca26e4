// Package mnist reads IDX files and loads the MNIST handwritten-digit data
// set that ships with the GoMNIST module.
//
// The core type is Set: N grey-scale images as one flat float32 slice of
// shape (N, Rows, Cols), row-major, values in [0, 1], with one uint8 label
// 0..9 per image. Sets are made by Load (the four standard files in a
// folder), Default (Load on ModuleDir: $GONN_MNIST_DIR or the GoMNIST
// module's data folder, found with the go command), LoadSet, or NewSet from
// the IDX values that LoadImages and LoadLabels return; Subset and OneHot
// derive training inputs from a Set.
//
// ReadIDX decodes any IDX file, raw or gzip-compressed (recognised by its
// magic bytes), into an IDX: element type, dimensions and the raw big-endian
// data. It trusts nothing in the header: sizes above MaxIDXBytes are refused
// before allocating, memory grows only as data actually arrives, and every
// error starts with the file's name and says what is wrong (bad magic,
// unknown type, truncated header or data, trailing bytes, corrupt gzip).
//
// Everything but ModuleDir's use of the go command builds for wasip1 and js.
package mnist
