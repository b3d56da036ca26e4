package tfjs

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// FuzzLoad: whatever model.json says, Load returns a model or an error of
// one of the package's kinds, and never panics. The weight files are those
// of the seed models, so that mutations of a valid file get far.
//
//	go test ./nn/tfjs/ -run '^$' -fuzz FuzzLoad -fuzztime 60s
func FuzzLoad(f *testing.F) {
	files := fstest.MapFS{}
	for i, tm := range testModels {
		m := tm.built(&testing.T{}, uint64(i))
		a, err := SaveOptions{ShardBytes: 64}.Save(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(a.ModelJSON)
		for _, s := range a.Shards {
			// Same names across models: the last one wins; mismatches are
			// what the fuzzer explores anyway.
			files[s.Path] = &fstest.MapFile{Data: s.Data}
		}
	}
	f.Fuzz(func(t *testing.T, modelJSON []byte) {
		m, err := Load(modelJSON, files)
		if err != nil {
			require.Nil(t, m)
			require.True(t, isKind(err), "error of no kind: %v", err)
			return
		}
		require.NotNil(t, m)
	})
}
