//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/optimizers/race"
)

// framesPerRace is about how many animation frames a race lasts: longer
// races take more steps per frame.
const framesPerRace = 300

// player runs the race: Start and Pause animate it a few steps per frame,
// Step takes one, Reset starts again; the keyboard does the same (Space or
// P, N or the right arrow, R) unless a field has the focus.
type player struct {
	p       *app
	playing bool
	frame   js.Func
}

func newPlayer(p *app) *player {
	pl := &player{p: p}
	pl.frame = js.FuncOf(func(js.Value, []js.Value) any {
		pl.tick()
		return nil
	})
	p.playButton.AddEventListener("click", false, func(dom.Event) { pl.toggle() })
	p.stepButton.AddEventListener("click", false, func(dom.Event) { pl.stepOnce() })
	p.resetButton.AddEventListener("click", false, func(dom.Event) { p.reset("Reset: ") })
	dom.GetWindow().Document().AddEventListener("keydown", false, pl.key)
	return pl
}

// key handles the race's keys.
func (pl *player) key(ev dom.Event) {
	e := ev.Underlying()
	if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	target := e.Get("target")
	tag := ""
	if target.Type() == js.TypeObject && target.Get("tagName").Type() == js.TypeString {
		tag = target.Get("tagName").String()
	}
	k := e.Get("key").String()
	switch tag {
	case "INPUT", "SELECT", "TEXTAREA":
		return // the field takes the keys
	case "BUTTON":
		if k == " " || k == "Enter" {
			return // the button takes them
		}
	}
	switch k {
	case " ", "p", "P":
		pl.toggle()
	case "n", "N", "ArrowRight":
		pl.stepOnce()
	case "r", "R":
		pl.p.reset("Reset: ")
	default:
		return
	}
	ev.PreventDefault()
}

func (pl *player) finished() bool { return pl.p.race == nil || pl.p.race.Steps >= pl.p.total }

// toggle starts or pauses the race; a finished race starts again.
func (pl *player) toggle() {
	p := pl.p
	if pl.playing {
		pl.pause()
		p.Say("Paused after " + format.Itoa(p.race.Steps) + " steps. " + summary(p.race))
		return
	}
	if p.race == nil {
		p.reset("")
		if p.race == nil {
			return
		}
	}
	if pl.finished() {
		p.reset("Again: ")
	}
	pl.playing = true
	p.playButton.SetTextContent("Pause")
	p.playButton.SetAttribute("aria-pressed", "true")
	p.Say("Racing…")
	js.Global().Call("requestAnimationFrame", pl.frame)
}

// pause stops the animation where it is.
func (pl *player) pause() {
	pl.playing = false
	pl.p.playButton.SetTextContent("Start")
	pl.p.playButton.SetAttribute("aria-pressed", "false")
}

// stepOnce pauses and takes one step.
func (pl *player) stepOnce() {
	p := pl.p
	if pl.playing {
		pl.pause()
	}
	if p.race == nil {
		return
	}
	if pl.finished() {
		p.Say("The race is over after " + format.Itoa(p.race.Steps) + " steps: press Reset (R) to start again.")
		return
	}
	p.race.Step()
	p.showRace()
	p.Say("Step " + format.Itoa(p.race.Steps) + " of " + format.Itoa(p.total) + ". " + summary(p.race))
}

// tick takes this frame's steps and shows them.
func (pl *player) tick() {
	p := pl.p
	if !pl.playing || p.race == nil {
		return
	}
	per := (p.total + framesPerRace - 1) / framesPerRace
	for i := 0; i < per && !pl.finished(); i++ {
		p.race.Step()
	}
	p.showRace()
	if pl.finished() {
		pl.pause()
		p.Say("Finished after " + format.Itoa(p.race.Steps) + " steps. " + summary(p.race))
		return
	}
	js.Global().Call("requestAnimationFrame", pl.frame)
}

// summary says where each racer is.
func summary(rc *race.Race) string {
	if rc == nil {
		return ""
	}
	parts := make([]string, 0, len(rc.Racers))
	for _, r := range rc.Racers {
		where := whereText(r.Where(), rc.Surface)
		if r.Where() != "off" {
			where += " (loss " + format.Fixed(float64(r.Losses[len(r.Losses)-1]), 3) + ")"
		}
		parts = append(parts, r.Kind.Label+" "+where)
	}
	return strings.Join(parts, "; ") + "."
}
