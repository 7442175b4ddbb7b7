int ctimer_dummy(void);
