package dev.xamal.core.hooks;

/** The hooks xamal fires, by the file name they have under {@code hooks_path}. */
public enum Hook {
    PRE_CONNECT("pre-connect"),
    PRE_BUILD("pre-build"),
    POST_BUILD("post-build"),
    PRE_DEPLOY("pre-deploy"),
    POST_DEPLOY("post-deploy"),
    PRE_APP_BOOT("pre-app-boot"),
    POST_APP_BOOT("post-app-boot"),
    PRE_CADDY_RELOAD("pre-caddy-reload"),
    POST_CADDY_RELOAD("post-caddy-reload");

    private final String fileName;

    Hook(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
