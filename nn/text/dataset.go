package text

import "gonn/nn/tensor"

// Dataset is a set of labelled texts, such as IMDb's training reviews.
type Dataset struct {
	// Texts holds the texts, as read (no cleaning: IMDb reviews keep their
	// "<br />" tags).
	Texts []string
	// Labels holds one integer label per text: 0 or 1 for IMDb (negative,
	// positive), a class index for CSV files. len(Labels) == len(Texts).
	Labels []int
	// Sources says where each text came from: a file path for IMDb, the
	// file name and line ("reviews.csv:12") for CSV.
	Sources []string
}

// Len is the number of texts.
func (d *Dataset) Len() int { return len(d.Texts) }

// Targets returns the labels as a (N, 1) float32 tensor, the target shape of
// a Dense(1, "sigmoid") output with binary_crossentropy (and one that
// sparse_categorical_crossentropy accepts too).
func (d *Dataset) Targets() *tensor.Tensor {
	t := tensor.New(len(d.Labels), 1)
	for i, l := range d.Labels {
		t.Data[i] = float32(l)
	}
	return t
}
