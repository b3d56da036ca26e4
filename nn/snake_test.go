package nn

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSnakeCase(t *testing.T) {
	for class, want := range map[string]string{
		"Dense": "dense", "InputLayer": "input_layer", "MaxPooling2D": "max_pooling2d",
		"Conv2DTranspose": "conv2d_transpose", "LeakyReLU": "leaky_re_lu", "LSTM": "lstm",
		"SimpleRNN": "simple_rnn", "GlobalAveragePooling2D": "global_average_pooling2d",
		"BatchNormalization": "batch_normalization", "UpSampling2D": "up_sampling2d",
	} {
		assert.Equal(t, want, snakeCase(class), class)
	}
}
