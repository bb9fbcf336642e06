# Usage: zsh -f complete-in-zsh.zsh FOLDER LINE
# Types LINE and a Tab into an interactive zsh on a pseudo-terminal, with the completion
# functions of FOLDER in fpath, and prints the command line as completion left it.
zmodload zsh/zpty || exit 3
out=$(mktemp)
trap 'rm -f $out; zpty -d z 2>/dev/null' EXIT
zpty z zsh -f -i
zpty -w z "fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D; unsetopt beep"
zpty -w z "dump() { print -r -- \"\$BUFFER\" > ${(q)out} }; zle -N dump; bindkey '^X' dump"
zpty -w -n z "$2"$'\t'$'\x18'
for i in {1..100}; do
  [[ -s $out ]] && break
  zpty -r -t z line 2>/dev/null  # keep the terminal's output flowing
  sleep 0.05
done
cat $out
