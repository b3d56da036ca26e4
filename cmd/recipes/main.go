// Command recipes runs gonn's long Keras recipes on the full data sets and
// writes what they measured to results/, where it is committed:
//
//	go run ./cmd/recipes mnist_mlp            # 20 epochs on 60,000 images
//	go run ./cmd/recipes mnist_cnn            # 12 epochs of a convnet
//	go run ./cmd/recipes -epochs 2 mnist_mlp  # a shorter look
//
// Each recipe follows the published Keras example (layers, optimiser, batch
// size, epochs) and records the test accuracy after every epoch and the wall
// time, next to Keras' published figure.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
)

// recipe is one runnable example.
type recipe struct {
	about string
	run   func(opts options) error
}

// options are the flags every recipe takes.
type options struct {
	epochs int // 0: the recipe's own
	seed   uint64
	out    string // results file; "" for the recipe's default
}

var recipes = map[string]recipe{
	"addition_rnn":       {"Keras addition_rnn: \"535+61\" → \"596\", LSTM(128) encoder-decoder, Adam, batch 32, 30 epochs", additionRNN},
	"gan":                {"a DCGAN on MNIST, its samples judged by a gonn classifier after every epoch", ganMNIST},
	"mnist_mlp":          {"Keras mnist_mlp: 784-512-512-10 relu, dropout 0.2, RMSprop, batch 128, 20 epochs", mnistMLP.run},
	"mnist_cnn":          {"Keras mnist_cnn: two 3×3 convs, max pooling, dropout, Dense 128, Adadelta, batch 128, 12 epochs", mnistCNN.run},
	"sentiment":          {"AFINN-165 sentences where word order decides: Embedding+LSTM against a bag-of-words Dense baseline", sentimentRecipe},
	"mnist_transfer_cnn": {"Keras mnist_transfer_cnn: convnet on 0–4, feature layers frozen, head retrained on 5–9, Adadelta, batch 128, 5+5 epochs", mnistTransfer},
	"timeseries":         {"CO2 forecasting: SimpleRNN, LSTM, GRU, Conv1D of several receptive fields against the last value", timeSeriesRecipe},
}

func main() {
	var o options
	flag.IntVar(&o.epochs, "epochs", 0, "epochs (0: the recipe's own)")
	flag.Uint64Var(&o.seed, "seed", 1, "the model's seed")
	flag.StringVar(&o.out, "out", "", "results file (default results/<recipe>.md)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: recipes [flags] <recipe>\n\nrecipes:")
		names := make([]string, 0, len(recipes))
		for n := range recipes {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(os.Stderr, "  %-12s %s\n", n, recipes[n].about)
		}
		fmt.Fprintln(os.Stderr, "\nflags:")
		flag.PrintDefaults()
	}
	flag.Parse()
	r, ok := recipes[flag.Arg(0)]
	if flag.NArg() != 1 || !ok {
		flag.Usage()
		os.Exit(2)
	}
	if err := r.run(o); err != nil {
		fmt.Fprintln(os.Stderr, "recipes:", err)
		os.Exit(1)
	}
}
