package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
)

// tinyRecipe is an MNIST recipe small enough for a test, with dropout so the
// generator matters.
var tinyRecipe = mnistRecipe{
	name: "tiny", about: "A tiny MLP,", keras: "no Keras figure", epochs: 3, batchSize: 32, shape: []int{784},
	model: func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(784), layers.NewDense(16, "relu"), layers.NewDropout(0.2), layers.NewDense(10, "softmax"))
	},
	optimizer: func() optimizers.Optimizer { return optimizers.NewRMSprop() },
}

// tinyRun is a run of tinyRecipe on 256 images, writing in dir.
func tinyRun(dir, checkpoint string, epochs int) (mnistRun, *bytes.Buffer) {
	var log bytes.Buffer
	run := mnistRun{options: options{epochs: epochs, seed: 1, out: filepath.Join(dir, "tiny.md")}, subset: 256, log: &log}
	if checkpoint != "" {
		run.checkpoint = filepath.Join(dir, checkpoint)
	}
	return run, &log
}

// tableRows returns the epoch rows of a results file without their seconds.
func tableRows(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var rows []string
	for line := range strings.Lines(string(data)) {
		if rowField(line, 0) != "" && rowField(line, 0) != "epoch" && !strings.HasPrefix(line, "|---") {
			rows = append(rows, line[:strings.LastIndex(strings.TrimRight(line, "|\n "), "|")])
		}
	}
	return rows
}

// TestMNISTRunner_Resume: a run stopped after epoch 1 and started again
// with the same checkpoint ends with the same checkpoint bytes (weights,
// optimiser, generator) and the same table as a run that never stopped; the
// rows of a results file beyond the checkpoint are dropped.
func TestMNISTRunner_Resume(t *testing.T) {
	if testing.Short() {
		t.Skip("reads MNIST and trains three short runs")
	}
	whole := t.TempDir()
	run, _ := tinyRun(whole, "ck", 0)
	require.NoError(t, tinyRecipe.train(run))

	// A run that stops after epoch 1 (as -epochs 1, or a crash in epoch
	// 2); its epoch-1 checkpoint is kept aside.
	parts := t.TempDir()
	run, _ = tinyRun(parts, "ck", 1)
	require.NoError(t, tinyRecipe.train(run))
	afterOne, err := os.ReadFile(run.checkpoint)
	require.NoError(t, err)
	// It goes on to epoch 2 and then "crashes" back to the epoch-1
	// checkpoint, leaving a results row beyond it.
	run, _ = tinyRun(parts, "ck", 2)
	require.NoError(t, tinyRecipe.train(run))
	require.Len(t, tableRows(t, run.out), 2)
	require.NoError(t, os.WriteFile(run.checkpoint, afterOne, 0o644))

	run, log := tinyRun(parts, "ck", 0)
	require.NoError(t, tinyRecipe.train(run))
	assert.Contains(t, log.String(), "resuming from "+run.checkpoint+": 1 of 3 epochs done")
	assert.Contains(t, log.String(), "1 earlier rows kept")

	want, err := os.ReadFile(filepath.Join(whole, "ck"))
	require.NoError(t, err)
	got, err := os.ReadFile(run.checkpoint)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the resumed run's final checkpoint differs from the uninterrupted run's")
	assert.Equal(t, tableRows(t, filepath.Join(whole, "tiny.md")), tableRows(t, run.out))

	results, err := os.ReadFile(run.out)
	require.NoError(t, err)
	assert.Contains(t, string(results), "go run ./cmd/recipes -seed 1 -subset 256 -checkpoint "+run.checkpoint+" tiny")
	// Both later processes resumed after epoch 1: the results file says so twice.
	assert.Equal(t, 2, strings.Count(string(results), "Resumed from the checkpoint after epoch 1 "))
	assert.Contains(t, string(results), "**Final test accuracy:")
	entries, err := os.ReadDir(parts)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "only the results file and the checkpoint: no temporary file left")
}

// TestMNISTRunner_ForeignCheckpoint: a checkpoint of another model is
// refused with the file named and how to start afresh.
func TestMNISTRunner_ForeignCheckpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("reads MNIST")
	}
	dir := t.TempDir()
	other := tinyRecipe
	other.optimizer = func() optimizers.Optimizer { return optimizers.NewAdam() }
	m, err := other.compiled(1)
	require.NoError(t, err)
	ck := filepath.Join(dir, "ck")
	require.NoError(t, writeAtomically(ck, m.SaveCheckpoint))

	run, _ := tinyRun(dir, "ck", 0)
	err = tinyRecipe.train(run)
	require.ErrorIs(t, err, nn.ErrCheckpointMismatch)
	assert.Contains(t, err.Error(), ck+": nn: LoadCheckpoint:")
	assert.Contains(t, err.Error(), "delete the file to start afresh")
}

func TestRowField(t *testing.T) {
	row := "| 12 | 0.0291 | 0.9911 | 0.0270 | 99.16% | 301.5 |"
	tests := []struct {
		row  string
		i    int
		want string
	}{
		{row, 0, "12"}, {row, 4, "99.16%"}, {row, 5, "301.5"}, {row, 6, ""},
		{"Made by `go run`", 0, ""}, {"", 0, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, rowField(tt.row, tt.i), "%q field %d", tt.row, tt.i)
	}
}
