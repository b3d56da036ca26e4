// Package lecture holds the worked examples of the lecture on deep learning
// for images (shared/lecture, the slides "Convolution" and "Max Pooling"):
// its 7×7 image, its 3×3 filters and the output tables the slides print.
// They are data only, shared by the golden tests (natively in nn, through
// the JavaScript API in tests/browser) and the convolution playground page.
// Grids are rows of values, written as the lecture prints them.
//
// Keras' Conv2D does not flip the kernel (a cross-correlation); the
// lecture's filters are symmetric under a half turn, so a flipped and an
// unflipped convolution agree on them.
package lecture

// Image is the slides' "Input image".
var Image = [][]float32{
	{0, 0, 0, 0, 0, 0, 0},
	{0, 0, 1, 1, 1, 0, 0},
	{0, 1, 1, 1, 1, 1, 0},
	{0, 1, 1, 1, 0, 0, 0},
	{0, 1, 1, 1, 1, 1, 0},
	{0, 0, 1, 1, 1, 0, 0},
	{0, 0, 0, 0, 0, 0, 0},
}

// The filters (also called "kernels") of the slides.
var (
	Identity = [][]float32{
		{0, 0, 0},
		{0, 1, 0},
		{0, 0, 0},
	}
	// Ones is the box blur without its factor: the slide writes the
	// blur as 1/9 times this, and its output as 1/9 times an integer table.
	Ones = [][]float32{
		{1, 1, 1},
		{1, 1, 1},
		{1, 1, 1},
	}
	// Horizontal "finds horizontal edges".
	Horizontal = [][]float32{
		{-1, -1, -1},
		{2, 2, 2},
		{-1, -1, -1},
	}
)

// The slides' "Output image" tables.
var (
	// The image convolved with the identity filter, no padding: "output
	// image is smaller than input image".
	IdentityValid = [][]float32{
		{0, 1, 1, 1, 0},
		{1, 1, 1, 1, 1},
		{1, 1, 1, 0, 0},
		{1, 1, 1, 1, 1},
		{0, 1, 1, 1, 0},
	}
	// "If you want output size to be same as input, pad 0's to input": the
	// 9×9 padded image convolved with the identity is the image again.
	IdentitySame = Image
	// The box blur's output is 1/9 times this.
	BlurTimes9 = [][]float32{
		{3, 5, 6, 5, 3},
		{5, 8, 8, 6, 3},
		{6, 9, 8, 7, 4},
		{5, 8, 8, 6, 3},
		{3, 5, 6, 5, 3},
	}
	HorizontalValid = [][]float32{
		{0, 1, 3, 1, 0},
		{1, 1, 1, 3, 3},
		{0, 0, -2, -4, -4},
		{1, 1, 1, 3, 3},
		{0, 1, 3, 1, 0},
	}
	// "Output image after ReLU".
	AfterReLU = [][]float32{
		{0, 1, 3, 1, 0},
		{1, 1, 1, 3, 3},
		{0, 0, 0, 0, 0},
		{1, 1, 1, 3, 3},
		{0, 1, 3, 1, 0},
	}
	// "Output after max pooling" (2×2 windows, stride 2: the last row and
	// column of the 5×5 fall outside every window).
	AfterPooling = [][]float32{
		{1, 3},
		{1, 3},
	}
)
