// CSS files imported by components are for the browser; tests load this instead.
export {};
