package text_test

import (
	"fmt"

	"gonn/nn/text"
)

// The corpus of the TensorFlow "NLP Zero to Hero" notebooks, with the
// results Keras prints.
func ExampleTokenizer() {
	cfg := text.DefaultTokenizerConfig()
	cfg.NumWords, cfg.OOVToken = 100, "<OOV>"
	tk, err := text.NewTokenizer(cfg)
	if err != nil {
		panic(err)
	}
	tk.FitOnTexts([]string{"I love my dog", "I love my cat", "You love my dog!", "Do you think my dog is amazing?"})
	fmt.Println(tk.Vocabulary())
	seqs := tk.TextsToSequences([]string{"i really love my dog", "my dog loves my manatee"})
	fmt.Println(seqs)
	fmt.Printf("%q\n", tk.SequencesToTexts(seqs))
	// Output:
	// [<OOV> my love dog i you cat do think is amazing]
	// [[5 1 3 2 4] [2 4 1 2 1]]
	// ["i <OOV> love my dog" "my dog <OOV> my <OOV>"]
}

func ExamplePadSequences() {
	seqs := [][]int{{1, 2, 3}, {4, 5}, {6}}
	pre, _ := text.PadSequences(seqs, text.PadConfig{MaxLen: 2}) // Keras defaults: pre, pre
	post, _ := text.PadSequences(seqs, text.PadConfig{Padding: "post"})
	fmt.Println(pre.Shape, pre.Data)
	fmt.Println(post.Shape, post.Data)
	// Output:
	// [3 2] [2 3 4 5 0 6]
	// [3 3] [1 2 3 4 5 0 6 0 0]
}
