module consumer.app {
    requires io.github.softdelete;
}
