package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestSettings_Check(t *testing.T) {
	good := settings{TrainSize: 1024, Epochs: 1, TestSize: 1000, Seed: 42}
	assert.NoError(t, good.check(60000, 10000))
	tests := []struct {
		name string
		edit func(*settings)
		want string
	}{
		{"no training images", func(s *settings) { s.TrainSize = 0 }, "training images must be 1 to 60,000"},
		{"too many training images", func(s *settings) { s.TrainSize = 60001 }, "training images"},
		{"no epochs", func(s *settings) { s.Epochs = 0 }, "epochs"},
		{"too many test images", func(s *settings) { s.TestSize = 10001 }, "test images must be 1 to 10,000"},
		{"negative seed", func(s *settings) { s.Seed = -1 }, "seed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			tt.edit(&s)
			err := s.check(60000, 10000)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}

func TestSettings_Batches(t *testing.T) {
	tests := []struct {
		trainSize, batches int
	}{{128, 1}, {129, 2}, {1024, 8}, {2000, 16}, {60000, 469}}
	for _, tt := range tests {
		assert.Equal(t, tt.batches, settings{TrainSize: tt.trainSize}.batches(), "%d images", tt.trainSize)
	}
}

func TestSettings_ImagesDone(t *testing.T) {
	s := settings{TrainSize: 300} // batches of 128, 128 and 44
	tests := []struct{ done, images int }{
		{0, 0}, {1, 128}, {2, 256}, {3, 300}, {4, 428}, {6, 600},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.images, s.imagesDone(tt.done), "%d batches", tt.done)
	}
}

func TestClock(t *testing.T) {
	t0 := time.Unix(1000, 0)
	var c clock
	assert.Zero(t, c.elapsed())
	c.resume(t0)
	c.batch(t0.Add(2 * time.Second))
	assert.Equal(t, 2*time.Second, c.elapsed())
	c.batch(t0.Add(3 * time.Second))
	c.pause() // stopped: the time until the last batch counts
	c.batch(t0.Add(10 * time.Second))
	assert.Equal(t, 3*time.Second, c.elapsed(), "paused: the clock stands still")
	c.resume(t0.Add(60 * time.Second))
	assert.Equal(t, 3*time.Second, c.elapsed())
	c.batch(t0.Add(61 * time.Second))
	assert.Equal(t, 4*time.Second, c.elapsed())
	c.pause()
	c.pause()
	assert.Equal(t, 4*time.Second, c.elapsed())
}

func TestRate(t *testing.T) {
	assert.Equal(t, 50.0, rate(100, 2*time.Second))
	assert.Zero(t, rate(100, 0))
}
