#ifndef PARALLAX_CEDITLINE_SHIM_H
#define PARALLAX_CEDITLINE_SHIM_H
// libedit's el_set, el_get and history() are variadic; Swift cannot call C variadics, so each
// use the REPL needs gets a fixed-signature inline wrapper here. No state lives in this
// header: a static variable here would be duplicated in every Swift file that imports it.
#include <stdio.h>
#include <histedit.h>

/// The C standard streams, which Swift 6 cannot touch directly (they are mutable globals).
static inline FILE *px_stdin(void) { return stdin; }
static inline FILE *px_stdout(void) { return stdout; }
static inline FILE *px_stderr(void) { return stderr; }

typedef char *(*px_prompt_fn)(EditLine *);
typedef unsigned char (*px_command_fn)(EditLine *, int);

static inline int px_el_set_prompt(EditLine *el, px_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int px_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int px_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int px_el_set_getcfn(EditLine *el, el_rfunc_t f) { return el_set(el, EL_GETCFN, f); }
static inline int px_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *px_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int px_el_get_editmode(EditLine *el) {
    int on = 0;
    el_get(el, EL_EDITMODE, &on);
    return on;
}
/// Redraws the prompt and the line (after the terminal was taken over, e.g. by Ctrl-Z).
static inline int px_el_set_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }
static inline int px_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
/// Adds a named editor function (`parallax-complete`) that keys can be bound to.
static inline int px_el_set_addfn(EditLine *el, const char *name, const char *help, px_command_fn f) {
    return el_set(el, EL_ADDFN, name, help, f);
}
/// `bind KEY COMMAND`, as in ~/.editrc.
static inline int px_el_set_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

static inline int px_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int px_history_setunique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int px_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

#endif
