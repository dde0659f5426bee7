/*
 * A camera for RtspGstServerInteropTest: gst-rtsp-server serving one launch pipeline at a mount point on
 * 127.0.0.1, with HTTP Basic auth when --user and --password are given. Prints "READY <port>" once it listens
 * (port 0 picks a free one) and runs until killed.
 *
 *   gst-camera [--shared] [--session-timeout=S] [--user=U --password=P] [--timestamps=MODE] PORT MOUNT 'PIPELINE'
 *
 * MODE: "dts" (the default) stamps frames as a camera should; "none" leaves them as the parser does, so
 * rtph264pay sends every frame with the same RTP timestamp (what an operator gets feeding GStreamer a raw .h264
 * file); "jump-back" steps them back 2 s every 3 s (a camera whose clock keeps being reset).
 */
#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>
#include <stdio.h>

static gboolean shared;
static gint session_timeout;
static gchar *user;
static gchar *password;
static gchar *timestamps;
static GOptionEntry options[] = {
    {"shared", 0, 0, G_OPTION_ARG_NONE, &shared, "one pipeline for all clients (they join mid-stream)", NULL},
    {"session-timeout", 0, 0, G_OPTION_ARG_INT, &session_timeout, "session timeout (default 60)", "S"},
    {"user", 0, 0, G_OPTION_ARG_STRING, &user, "Basic auth user", "U"},
    {"password", 0, 0, G_OPTION_ARG_STRING, &password, "Basic auth password", "P"},
    {"timestamps", 0, 0, G_OPTION_ARG_STRING, &timestamps, "dts (default), none or jump-back", "MODE"},
    {NULL}};

/*
 * The sample files carry no timestamps: the parser derives DTS from the caps' frame rate and leaves PTS unset,
 * and the payloader takes RTP timestamps from PTS (all equal otherwise). The samples have no B-frames, so
 * PTS = DTS, as a camera would stamp them; with data set (--timestamps=jump-back), PTS steps back 2 s every 3 s.
 */
static GstPadProbeReturn pts_from_dts(GstPad *pad, GstPadProbeInfo *info, gpointer data) {
    GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER(info);
    if (!GST_BUFFER_PTS_IS_VALID(buf)) {
        buf = gst_buffer_make_writable(buf);
        GstClockTime dts = GST_BUFFER_DTS(buf);
        GST_BUFFER_PTS(buf) = data == NULL ? dts : dts - dts / (3 * GST_SECOND) * (2 * GST_SECOND);
        GST_PAD_PROBE_INFO_DATA(info) = buf;
    }
    return GST_PAD_PROBE_OK;
}

static gboolean known_timestamps(void) {
    return timestamps == NULL || g_strcmp0(timestamps, "dts") == 0 || g_strcmp0(timestamps, "none") == 0
            || g_strcmp0(timestamps, "jump-back") == 0;
}

static void media_configure(GstRTSPMediaFactory *factory, GstRTSPMedia *media, gpointer data) {
    if (g_strcmp0(timestamps, "none") == 0) {
        return;
    }
    GstElement *bin = gst_rtsp_media_get_element(media);
    GstElement *pay = gst_bin_get_by_name(GST_BIN(bin), "pay0");
    GstPad *pad = gst_element_get_static_pad(pay, "sink");
    gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER, pts_from_dts,
            g_strcmp0(timestamps, "jump-back") == 0 ? (gpointer) "jump-back" : NULL, NULL);
    gst_object_unref(pad);
    gst_object_unref(pay);
    gst_object_unref(bin);
}

/* Without the 5 s of grace gst-rtsp-server adds by default, a session expires right at its timeout. */
static void new_session(GstRTSPClient *client, GstRTSPSession *session, gpointer data) {
    gst_rtsp_session_set_timeout(session, session_timeout);
    g_object_set(session, "extra-timeout", 0, NULL);
}

static void client_connected(GstRTSPServer *server, GstRTSPClient *client, gpointer data) {
    g_signal_connect(client, "new-session", G_CALLBACK(new_session), NULL);
}

/* gst-rtsp-server drops expired sessions only when asked to (its examples do this every 2 s). */
static gboolean remove_expired_sessions(gpointer pool) {
    gst_rtsp_session_pool_cleanup(pool);
    return G_SOURCE_CONTINUE;
}

int main(int argc, char *argv[]) {
    GOptionContext *context = g_option_context_new("PORT MOUNT PIPELINE");
    g_option_context_add_main_entries(context, options, NULL);
    g_option_context_add_group(context, gst_init_get_option_group());
    GError *error = NULL;
    if (!g_option_context_parse(context, &argc, &argv, &error) || argc != 4 || (user == NULL) != (password == NULL)
            || !known_timestamps()) {
        fprintf(stderr, "%s\n", error ? error->message : g_option_context_get_help(context, TRUE, NULL));
        return 2;
    }
    GMainLoop *loop = g_main_loop_new(NULL, FALSE);
    GstRTSPServer *server = gst_rtsp_server_new();
    gst_rtsp_server_set_address(server, "127.0.0.1");
    gst_rtsp_server_set_service(server, argv[1]);
    GstRTSPMediaFactory *factory = gst_rtsp_media_factory_new();
    gst_rtsp_media_factory_set_launch(factory, argv[3]);
    gst_rtsp_media_factory_set_shared(factory, shared);
    g_signal_connect(factory, "media-configure", G_CALLBACK(media_configure), NULL);
    if (session_timeout > 0) {
        g_signal_connect(server, "client-connected", G_CALLBACK(client_connected), NULL);
        GstRTSPSessionPool *pool = gst_rtsp_server_get_session_pool(server);
        g_timeout_add(200, remove_expired_sessions, pool);
    }
    if (user != NULL) {
        GstRTSPAuth *auth = gst_rtsp_auth_new();
        GstRTSPToken *token = gst_rtsp_token_new(GST_RTSP_TOKEN_MEDIA_FACTORY_ROLE, G_TYPE_STRING, "user", NULL);
        gchar *basic = gst_rtsp_auth_make_basic(user, password);
        gst_rtsp_auth_add_basic(auth, basic, token);
        g_free(basic);
        gst_rtsp_token_unref(token);
        gst_rtsp_server_set_auth(server, auth);
        g_object_unref(auth);
        gst_rtsp_media_factory_add_role(factory, "user", GST_RTSP_PERM_MEDIA_FACTORY_ACCESS, G_TYPE_BOOLEAN, TRUE,
                GST_RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, G_TYPE_BOOLEAN, TRUE, NULL);
    }
    GstRTSPMountPoints *mounts = gst_rtsp_server_get_mount_points(server);
    gst_rtsp_mount_points_add_factory(mounts, argv[2], factory);
    g_object_unref(mounts);
    if (gst_rtsp_server_attach(server, NULL) == 0) {
        fprintf(stderr, "cannot listen on 127.0.0.1:%s\n", argv[1]);
        return 1;
    }
    printf("READY %d\n", gst_rtsp_server_get_bound_port(server));
    fflush(stdout);
    g_main_loop_run(loop);
    return 0;
}
