// The smallest Worker: the baseline for workerd start-up.
export default {
  fetch() {
    return new Response("ok");
  },
};
